using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Web.Tests.Testing;

/// <summary>Self-signed certificates written to .pfx files, as an operator would give the dashboard one.</summary>
internal static class TestCertificates
{
    public const string Password = "test-only-password";

    /// <summary>Writes a new certificate (with its private key unless <paramref name="withPrivateKey"/> is false) to a .pfx file in <paramref name="directory"/>.</summary>
    public static string WritePfx(string directory, bool withPrivateKey = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Sandbox Order Desk data protection (test)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, withPrivateKey
            ? certificate.Export(X509ContentType.Pkcs12, Password)
            : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)).Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
