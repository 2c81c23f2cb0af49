using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>What start-up refuses in the host's settings, each time naming the key to fix.</summary>
public sealed class DashboardSettingsValidatorTests : IDisposable
{
    private static readonly (string, string?)[] EntraSignIn =
    [
        ("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555"),
        ("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000"),
        ("AzureAd:ClientCredentials:0:SourceType", "ClientSecret"),
        ("AzureAd:ClientCredentials:0:ClientSecret", "not-a-real-secret"),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("sod-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    [InlineData("contoso.onmicrosoft.com")]
    public void Validate_EntraTenantThatIsNotAGuid_FailsSayingOtherTenantsCouldSignIn(string tenant)
    {
        var failure = Failures([.. EntraSignIn, ("AzureAd:TenantId", tenant)], "Production").ShouldHaveSingleItem();

        failure.ShouldStartWith($"AzureAd:TenantId must be the tenant id of the dashboard's app registration, a GUID (it is '{tenant}')");
        failure.ShouldContain("users of other tenants");
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/common/v2.0")]
    [InlineData("https://login.microsoftonline.com/organizations/v2.0")]
    [InlineData("https://login.microsoftonline.com/0badc0de-0000-4000-8000-000000000001/v2.0")]
    [InlineData("http://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0")]
    public void Validate_AuthorityThatNamesAnotherTenant_FailsNamingTheKey(string authority)
    {
        var failure = Failures([.. EntraSignIn, ("AzureAd:Authority", authority)], "Production").ShouldHaveSingleItem();

        failure.ShouldStartWith("AzureAd:Authority must name the tenant of AzureAd:TenantId");
    }

    [Fact]
    public void Validate_AuthorityOfTheTenant_Succeeds() =>
        Failures([.. EntraSignIn, ("AzureAd:Authority", "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0")], "Production")
            .ShouldBeEmpty();

    [Theory]
    [InlineData("AppOnly")]
    [InlineData("AppAndUser")]
    public void Validate_PartnerCenterTokensForTenantCommonWithoutEntraSignIn_FailsNamingTheKey(string tokens)
    {
        var failures = Failures([("PartnerCenter:BaseUrl", TestSettings.RealPartnerCenter), ("PartnerCenter:Authentication", tokens),
            ("AzureAd:TenantId", "common"), ("AzureAd:ClientCredentials:0:SourceType", "ClientSecret")]);

        failures.ShouldContain(f => f.StartsWith("AzureAd:TenantId must be the tenant id", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RedisOutsideDevelopmentWithoutACertificate_FailsNamingTheCertificateKey()
    {
        var failure = Failures([.. EntraSignIn, ("TokenCache:Redis", "127.0.0.1:6379")], "Production").ShouldHaveSingleItem();

        failure.ShouldStartWith("DataProtection:CertificatePath is required with Redis (Redis:Configuration) outside Development");
    }

    [Fact]
    public void Validate_RedisInDevelopmentWithoutACertificate_Succeeds() =>
        Failures([("TokenCache:Redis", "127.0.0.1:6379")]).ShouldBeEmpty();

    [Fact]
    public void Validate_RedisWithACertificateAndItsPassword_Succeeds() =>
        Failures([.. EntraSignIn, ("TokenCache:Redis", "127.0.0.1:6379"),
            ("DataProtection:CertificatePath", TestCertificates.WritePfx(_directory)), ("DataProtection:CertificatePassword", TestCertificates.Password)], "Production")
            .ShouldBeEmpty();

    [Fact]
    public void Validate_CertificateFileMissing_FailsNamingTheKey() =>
        Failures([("DataProtection:CertificatePath", Path.Combine(_directory, "missing.pfx"))]).ShouldHaveSingleItem()
            .ShouldStartWith("DataProtection:CertificatePath names a file that does not exist");

    [Fact]
    public void Validate_CertificateWithTheWrongPassword_FailsNamingBothKeys() =>
        Failures([("DataProtection:CertificatePath", TestCertificates.WritePfx(_directory)), ("DataProtection:CertificatePassword", "wrong")]).ShouldHaveSingleItem()
            .ShouldBe("DataProtection:CertificatePath could not be read as a .pfx file with DataProtection:CertificatePassword: check the file and the password.");

    [Fact]
    public void Validate_CertificateWithoutItsPrivateKey_FailsSayingTheKeysCouldNotBeReadBack() =>
        Failures([("DataProtection:CertificatePath", TestCertificates.WritePfx(_directory, withPrivateKey: false)), ("DataProtection:CertificatePassword", TestCertificates.Password)])
            .ShouldHaveSingleItem().ShouldStartWith("DataProtection:CertificatePath must be a .pfx file with the certificate's private key");

    [Theory]
    [InlineData("AppOnly")]
    [InlineData("AppAndUser")]
    public void Validate_BuiltInEmulatorWithEntraTokens_FailsSayingTheEmulatorAnswersOnlyItsOwnToken(string tokens) =>
        Failures([.. EntraSignIn, ("PartnerCenter:Authentication", tokens)]).ShouldHaveSingleItem()
            .ShouldStartWith("PartnerCenter:Authentication must be StaticToken with the built-in emulator");

    [Fact]
    public void Validate_UnknownTokenMode_FailsListingTheModes() =>
        Failures([("PartnerCenter:Authentication", "Kerberos")]).ShouldHaveSingleItem()
            .ShouldBe("PartnerCenter:Authentication must be StaticToken, AppOnly or AppAndUser.");

    [Fact]
    public void Validate_DevelopmentWithTheBuiltInEmulator_Succeeds() => Failures([]).ShouldBeEmpty();

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector")]
    public void Validate_CollectorThatIsNotAnHttpAddress_FailsNamingTheVariable(string endpoint) =>
        Failures([("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)]).ShouldHaveSingleItem()
            .ShouldBe($"OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https address, e.g. http://collector:4317 (it is '{endpoint}').");

    [Fact]
    public void Validate_UnknownCollectorProtocol_FailsListingTheProtocols() =>
        Failures([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]).ShouldHaveSingleItem()
            .ShouldBe("OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf.");

    [Fact]
    public void Validate_UnknownStoreProvider_FailsListingTheProviders() =>
        Failures([("Store:Provider", "SqlServer")]).ShouldHaveSingleItem()
            .ShouldBe("Store:Provider must be Sqlite or PostgreSql (it is 'SqlServer').");

    [Fact]
    public void Validate_PostgreSqlWithoutConnectionString_FailsNamingTheKey() =>
        Failures([("Store:Provider", "PostgreSql")]).ShouldHaveSingleItem()
            .ShouldStartWith("Store:ConnectionString is required with Store:Provider=PostgreSql");

    [Theory]
    [InlineData("postgresql")]
    [InlineData(" PostgreSql ")]
    public void Validate_PostgreSqlWithConnectionString_Succeeds(string provider) =>
        Failures([("Store:Provider", provider), ("Store:ConnectionString", "Host=db;Database=dashboard;Username=dashboard")]).ShouldBeEmpty();

    private static IReadOnlyList<string> Failures((string Key, string? Value)[] keys, string environment = "Development")
    {
        var result = new DashboardSettingsValidator().Validate(Options.DefaultName, TestSettings.Of(keys, environment));
        return result.Failed ? [.. result.Failures] : [];
    }
}
