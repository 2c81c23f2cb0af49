using Dashboard.Orders.Storage;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Where the dashboard keeps its own data (jobs and their items, the activity log): <c>Store:Provider</c> and <c>Store:ConnectionString</c>.
/// By default a SQLite file, <c>dashboard.db</c>, in the same folder as the built-in emulator's file; PostgreSQL, which
/// several instances share, needs its connection string.
/// </summary>
/// <remarks>A class, not a record: a connection string can hold a password, which a record's ToString would print.</remarks>
public sealed class StoreSettings
{
    public const string DefaultFileName = "dashboard.db";

    /// <summary>The provider, or null when <c>Store:Provider</c> names one this version does not know (a start-up error).</summary>
    public required StoreProvider? Provider { get; init; }

    /// <summary>What <c>Store:Provider</c> says, as written.</summary>
    public required string ProviderText { get; init; }

    /// <summary>As configured, else the default SQLite file; empty for PostgreSQL without one (a start-up error).</summary>
    public required string ConnectionString { get; init; }

    public static StoreSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["Store:Provider"] is { Length: > 0 } text ? text.Trim() : nameof(StoreProvider.Sqlite);
        var connection = configuration["Store:ConnectionString"];
        StoreProvider? known = Enum.TryParse<StoreProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        return new StoreSettings
        {
            Provider = known,
            ProviderText = provider,
            ConnectionString = !string.IsNullOrWhiteSpace(connection) ? connection
                : known == StoreProvider.Sqlite ? $"Data Source={DefaultFile(configuration)}"
                : "",
        };
    }

    /// <summary>Next to the emulator's file: <c>Emulator:DataPath</c>'s folder, or the user's local application data.</summary>
    private static string DefaultFile(IConfiguration configuration)
    {
        if (configuration["Emulator:DataPath"] is { Length: > 0 } emulatorFile)
        {
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(emulatorFile))!, DefaultFileName);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "SandboxOrderDesk", DefaultFileName);
    }
}
