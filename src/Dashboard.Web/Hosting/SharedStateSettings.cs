namespace Dashboard.Web.Hosting;

/// <summary>
/// What several instances of the dashboard share: Redis (<c>TokenCache:Redis</c>) for the token cache, the sign-in
/// sessions and the keys that protect the sign-in cookie, and the certificate that encrypts those keys at rest
/// (<c>DataProtection:CertificatePath</c>, <c>DataProtection:CertificatePassword</c>).
/// </summary>
public sealed record SharedStateSettings
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
            Redis = NullIfBlank(configuration["TokenCache:Redis"]),
            CertificatePath = NullIfBlank(configuration["DataProtection:CertificatePath"]),
            CertificatePassword = configuration["DataProtection:CertificatePassword"],
        };
    }

    /// <summary>Loads the certificate; the settings validator has checked at start-up that this works.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? LoadCertificate() =>
        CertificatePath is null
            ? null
            : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
