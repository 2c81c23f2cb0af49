using System.Diagnostics;
using System.Text;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// The Release publish output of the dashboard and the emulator (<c>artifacts/benchmarks/</c>, git-ignored), and the
/// settings each is started with.
/// </summary>
internal sealed class PublishedApps(string webDll, string emulatorDll)
{
    /// <summary>The tenant of the emulator's development users, so that the dashboard's sandbox guard allows cancels as with the built-in emulator.</summary>
    private const string EmulatorTenantId = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001";

    public string WebDll { get; } = webDll;

    public string EmulatorDll { get; } = emulatorDll;

    /// <summary>
    /// The static token the dashboard sends to the standalone emulator: an unsigned JWT naming the emulator's tenant,
    /// which the emulator reads without checking and the dashboard's guard reads as the tenant it acts for.
    /// </summary>
    public static string StaticToken { get; } = string.Join('.',
        Base64Url("""{"alg":"none","typ":"JWT"}"""),
        Base64Url($$"""{"tid":"{{EmulatorTenantId}}","upn":"benchmark@sandbox.test"}"""),
        "benchmark");

    /// <summary>
    /// Publishes both projects with <c>dotnet publish -c Release</c>, or reuses an earlier publish: the dashboard as the
    /// Dockerfile and <c>test.sh</c> publish it (ReadyToRun, for Linux, framework-dependent), since its cold start is
    /// one of the figures; the emulator, which stands in for Partner Center, as it was when the baseline was taken.
    /// </summary>
    public static async Task<PublishedApps> PublishAsync(bool publish)
    {
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", "benchmarks");
        var apps = new PublishedApps(Path.Combine(output, "web", "Dashboard.Web.dll"), Path.Combine(output, "emulator", "Dashboard.Emulator.dll"));
        if (!publish && File.Exists(apps.WebDll) && File.Exists(apps.EmulatorDll))
        {
            Console.WriteLine($"Reusing the publish output in {output}.");
            return apps;
        }

        await RunAsync(root, "publish", "src/Dashboard.Web/Dashboard.Web.csproj", "-c", "Release", "-o", Path.GetDirectoryName(apps.WebDll)!, "--nologo",
            "--os", "linux", "--self-contained", "false", "-p:PublishReadyToRun=true");
        await RunAsync(root, "publish", "src/Dashboard.Emulator/Dashboard.Emulator.csproj", "-c", "Release", "-o", Path.GetDirectoryName(apps.EmulatorDll)!, "--nologo");
        return apps;
    }

    /// <summary>
    /// The dashboard as the issue measured it: Development (for the development sign-in), Partner Center at the
    /// standalone emulator with a static token, an integration sandbox so that cancel actions show as they would.
    /// Its store goes in <paramref name="dataDirectory"/>.
    /// </summary>
    public static Dictionary<string, string> DashboardAt(Uri emulator, string dataDirectory) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["PartnerCenter__BaseUrl"] = emulator.ToString().TrimEnd('/'),
        ["PartnerCenter__Authentication"] = "StaticToken",
        ["PartnerCenter__StaticToken"] = StaticToken,
        ["PartnerCenter__Environment"] = "IntegrationSandbox",
        ["PartnerCenter__SandboxTenantId"] = EmulatorTenantId,
        ["Store__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "dashboard.db")}",
    };

    /// <summary>The dashboard with its built-in emulator (the default <c>demo</c> seed) and its data in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> DashboardWithBuiltInEmulator(string dataDirectory) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Emulator__DataPath"] = Path.Combine(dataDirectory, "emulator.db"),
    };

    private static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"dotnet {string.Join(' ', arguments)}");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:{Environment.NewLine}{output}");
        }

        Console.WriteLine($"  done in {watch.Elapsed.TotalSeconds:F0} s");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Dashboard.sln above {AppContext.BaseDirectory}.");
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
