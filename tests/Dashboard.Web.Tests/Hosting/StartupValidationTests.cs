using System.Diagnostics;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// A misconfigured dashboard does not start, and says which key to fix. Each test runs the real app as a process, with
/// its settings in the environment, as an operator would.
/// </summary>
public sealed class StartupValidationTests
{
    private const string RealPartnerCenter = "https://api.partnercenter.microsoft.com";

    [Fact]
    public async Task Start_RealPartnerCenterWithoutAStaticToken_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync(("PartnerCenter__BaseUrl", RealPartnerCenter));

        exitCode.ShouldBe(1);
        output.ShouldContain("PartnerCenter:StaticToken is required");
    }

    [Fact]
    public async Task Start_BaseUrlThatIsNotAUrl_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync(("PartnerCenter__BaseUrl", "api.partnercenter"), ("PartnerCenter__StaticToken", "abc"));

        exitCode.ShouldBe(1);
        output.ShouldContain("PartnerCenter:BaseUrl must be an absolute http or https URL");
    }

    [Theory]
    [InlineData("AppOnly")]
    [InlineData("AppAndUser")]
    public async Task Start_EntraModeWithoutAzureAd_StopsNamingEveryMissingKey(string mode)
    {
        var (exitCode, output) = await RunAsync(("PartnerCenter__BaseUrl", RealPartnerCenter), ("PartnerCenter__Authentication", mode));

        exitCode.ShouldBe(1);
        output.ShouldContain("AzureAd:TenantId is required");
        output.ShouldContain("AzureAd:ClientId is required");
        output.ShouldContain("AzureAd:ClientCredentials is required");
    }

    [Fact]
    public async Task Start_AppOnlyWithAzureAd_StartsListening()
    {
        var (exitCode, output) = await RunAsync(
            ("PartnerCenter__BaseUrl", RealPartnerCenter),
            ("PartnerCenter__Authentication", "AppOnly"),
            ("AzureAd__TenantId", "11111111-2222-3333-4444-555555555555"),
            ("AzureAd__ClientId", "66666666-7777-8888-9999-000000000000"),
            ("AzureAd__ClientCredentials__0__SourceType", "ClientSecret"),
            ("AzureAd__ClientCredentials__0__ClientSecret", "not-a-real-secret"));

        exitCode.ShouldBeNull(output);
        output.ShouldContain("Now listening on");
    }

    private static readonly (string, string)[] EntraSignIn =
    [
        ("AzureAd__TenantId", "11111111-2222-3333-4444-555555555555"),
        ("AzureAd__ClientId", "66666666-7777-8888-9999-000000000000"),
        ("AzureAd__ClientCredentials__0__SourceType", "ClientSecret"),
        ("AzureAd__ClientCredentials__0__ClientSecret", "not-a-real-secret"),
    ];

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutAzureAd_StopsNamingTheKeysOfEntraSignIn()
    {
        var (exitCode, output) = await RunAsync(("PartnerCenter__StaticToken", "abc"));

        exitCode.ShouldBe(1);
        output.ShouldContain("Entra ID sign-in is required outside Development: set AzureAd:TenantId and AzureAd:ClientId");
    }

    [Fact]
    public async Task Start_AzureAdWithAClientIdOnly_StopsNamingTheMissingTenantId()
    {
        var (exitCode, output) = await RunAsync(("PartnerCenter__StaticToken", "abc"), ("AzureAd__ClientId", "66666666-7777-8888-9999-000000000000"));

        exitCode.ShouldBe(1);
        output.ShouldContain("AzureAd:TenantId is required for Entra ID sign-in");
    }

    [Fact]
    public async Task Start_EntraSignInWithoutACredential_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync(
            ("PartnerCenter__StaticToken", "abc"), ("AzureAd__TenantId", "11111111-2222-3333-4444-555555555555"), ("AzureAd__ClientId", "66666666-7777-8888-9999-000000000000"));

        exitCode.ShouldBe(1);
        output.ShouldContain("AzureAd:ClientCredentials is required for Entra ID sign-in");
    }

    [Fact]
    public async Task Start_SandboxTenantIdThatIsNotAGuid_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__StaticToken", "abc"), ("PartnerCenter__SandboxTenantId", "contoso.onmicrosoft.com"), .. EntraSignIn]);

        exitCode.ShouldBe(1);
        output.ShouldContain("PartnerCenter:SandboxTenantId must be the integration sandbox's partner tenant id, a GUID.");
    }

    [Fact]
    public async Task Start_EmptyCancelRoleName_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__StaticToken", "abc"), ("Authorization__CancelRole", " "), .. EntraSignIn]);

        exitCode.ShouldBe(1);
        output.ShouldContain("Authorization:CancelRole must name the app role of operators");
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithEntraSignIn_StartsListening()
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__StaticToken", "abc"), .. EntraSignIn]);

        exitCode.ShouldBeNull(output);
        output.ShouldContain("Now listening on");
    }

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    public async Task Start_EntraTenantThatLetsAnyTenantIn_StopsNamingTheKey(string tenant)
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__StaticToken", "abc"), .. EntraSignIn, ("AzureAd__TenantId", tenant)]);

        exitCode.ShouldBe(1);
        output.ShouldContain($"AzureAd:TenantId must be the tenant id of the dashboard's app registration, a GUID (it is '{tenant}')");
    }

    [Fact]
    public async Task Start_PartnerCenterOverPlainHttpToAnotherHost_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__BaseUrl", "http://partner-center.example"), ("PartnerCenter__StaticToken", "abc"), .. EntraSignIn]);

        exitCode.ShouldBe(1);
        output.ShouldContain("PartnerCenter:BaseUrl must use https (it is 'http://partner-center.example')");
    }

    [Fact]
    public async Task Start_RedisOutsideDevelopmentWithoutACertificate_StopsNamingTheKey()
    {
        var (exitCode, output) = await RunAsync([("PartnerCenter__StaticToken", "abc"), ("TokenCache__Redis", "127.0.0.1:1,abortConnect=false"), .. EntraSignIn]);

        exitCode.ShouldBe(1);
        output.ShouldContain("DataProtection:CertificatePath is required with Redis (Redis:Configuration) outside Development");
    }

    [Fact]
    public async Task Start_DevelopmentSignInListeningOnEveryAddress_WarnsThatOtherMachinesAreRefused()
    {
        var data = Directory.CreateTempSubdirectory("sod-startup-");
        try
        {
            var (exitCode, output) = await RunUntilAsync(
                "requests from other machines are refused",
                ("ASPNETCORE_ENVIRONMENT", "Development"), ("ASPNETCORE_URLS", "http://0.0.0.0:0"), ("Emulator__DataPath", Path.Combine(data.FullName, "emulator.db")));

            exitCode.ShouldBeNull(output);
            output.ShouldContain("The development sign-in has no password, so this dashboard answers only requests from this machine, but it listens on");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_BuiltInEmulatorWithAnUnknownSeed_StopsNamingTheKey()
    {
        // The emulator starts beside the web server, which may already listen: the dashboard still never reports itself
        // started, and stops.
        var data = Directory.CreateTempSubdirectory("sod-startup-");
        try
        {
            var (exitCode, output) = await RunUntilAsync(
                "Application started",
                ("ASPNETCORE_ENVIRONMENT", "Development"), ("Emulator__DataPath", Path.Combine(data.FullName, "emulator.db")), ("Emulator__Seed", "huge"));

            exitCode.ShouldBe(1, output);
            output.ShouldContain("Emulator:Seed must be 'demo', 'large', 'empty' or 'bulk'.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    /// <summary>Runs the dashboard until it stops or listens; a null exit code means it was still running.</summary>
    private static Task<(int? ExitCode, string Output)> RunAsync(params (string Name, string Value)[] environment) =>
        RunUntilAsync("Now listening on", environment);

    /// <summary>Runs the dashboard until it stops or writes <paramref name="marker"/>; a null exit code means it was still running.</summary>
    private static async Task<(int? ExitCode, string Output)> RunUntilAsync(string marker, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", "Dashboard.Web.dll")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // Its own store, never the user's default file that other runs share.
        start.Environment["Store__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        void Collect(object sender, DataReceivedEventArgs line)
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync(Xunit.TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(exited, listening.Task, Task.Delay(TimeSpan.FromSeconds(60), Xunit.TestContext.Current.CancellationToken));
        int? exitCode = null;
        if (first == exited)
        {
            await exited;
            process.WaitForExit();
            exitCode = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Xunit.TestContext.Current.CancellationToken);
        }

        lock (output)
        {
            return (exitCode, output.ToString());
        }
    }
}
