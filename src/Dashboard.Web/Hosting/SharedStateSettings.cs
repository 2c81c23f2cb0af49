using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Web.Hosting;

/// <summary>
/// What several instances of the dashboard share: Redis (<c>Redis:Configuration</c>; <c>TokenCache:Redis</c>, its
/// older name, is still read when it is empty) for the token cache, the sign-in sessions, the keys that protect the
/// sign-in cookie and the Partner Center rate limit, and the certificate that encrypts those keys at rest
/// (<c>DataProtection:CertificatePath</c>, <c>DataProtection:CertificatePassword</c>).
/// </summary>
/// <remarks>A class, not a record: a record's generated ToString would print the secrets it holds into any log line.</remarks>
public sealed class SharedStateSettings
{
    /// <summary>The Redis connection string, or null: everything stays in this process's memory.</summary>
    public required string? Redis { get; init; }

    /// <summary>A PKCS#12 (.pfx) file with a private key, which encrypts the data-protection keys kept in Redis.</summary>
    public required string? CertificatePath { get; init; }

    public required string? CertificatePassword { get; init; }

    public static SharedStateSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new SharedStateSettings
        {
            Redis = NullIfBlank(configuration["Redis:Configuration"]) ?? NullIfBlank(configuration["TokenCache:Redis"]),
            CertificatePath = NullIfBlank(configuration["DataProtection:CertificatePath"]),
            CertificatePassword = configuration["DataProtection:CertificatePassword"],
        };
    }

    /// <summary>
    /// The certificate, with its private key, or why it cannot be used (both null when none is configured). The settings
    /// validator stops start-up on the problem; the registration uses the certificate.
    /// </summary>
    public (X509Certificate2? Certificate, string? Problem) LoadCertificate()
    {
        if (CertificatePath is null)
        {
            return (null, null);
        }

        if (!File.Exists(CertificatePath))
        {
            return (null, $"DataProtection:CertificatePath names a file that does not exist ('{CertificatePath}').");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
            if (certificate.HasPrivateKey)
            {
                return (certificate, null);
            }

            certificate.Dispose();
            return (null, "DataProtection:CertificatePath must be a .pfx file with the certificate's private key: without it the keys could not be read back.");
        }
        catch (CryptographicException)
        {
            return (null, "DataProtection:CertificatePath could not be read as a .pfx file with DataProtection:CertificatePassword: check the file and the password.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
