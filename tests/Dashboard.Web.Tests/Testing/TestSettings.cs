using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Testing;

/// <summary><see cref="DashboardSettings"/> as start-up resolves them from configuration keys, for tests of what reads them.</summary>
internal static class TestSettings
{
    public const string RealPartnerCenter = "https://api.partnercenter.microsoft.com";

    /// <summary>The settings these keys resolve to (a key given twice: the last one), in Development unless <paramref name="environment"/> says otherwise.</summary>
    public static DashboardSettings Of(IEnumerable<(string Key, string? Value)> keys, string environment = "Development")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(keys.GroupBy(k => k.Key, StringComparer.OrdinalIgnoreCase).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build();
        return DashboardSettings.Resolve(configuration, new Environment(environment));
    }

    /// <summary>The built-in emulator (no <c>PartnerCenter:BaseUrl</c>), plus <paramref name="keys"/>.</summary>
    public static DashboardSettings BuiltInEmulator(params (string Key, string? Value)[] keys) => Of(keys);

    /// <summary>A real integration sandbox of <paramref name="sandboxTenant"/>, App+User tokens unless <paramref name="keys"/> say otherwise.</summary>
    public static DashboardSettings IntegrationSandbox(string sandboxTenant, params (string Key, string? Value)[] keys) =>
        Of([("PartnerCenter:BaseUrl", RealPartnerCenter), ("PartnerCenter:Environment", "IntegrationSandbox"),
            ("PartnerCenter:SandboxTenantId", sandboxTenant), ("PartnerCenter:Authentication", "AppAndUser"), .. keys]);

    /// <summary>A real Partner Center that nothing says is a sandbox.</summary>
    public static DashboardSettings NotASandbox(params (string Key, string? Value)[] keys) =>
        Of([("PartnerCenter:BaseUrl", RealPartnerCenter), .. keys]);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Dashboard.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
