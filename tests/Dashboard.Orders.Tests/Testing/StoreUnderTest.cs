using Dashboard.Orders.Storage;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The provider the store's tests run on in this assembly. Dashboard.Orders.Tests runs them on SQLite;
/// Dashboard.Orders.PostgreSql.Tests compiles the same tests with <c>STORE_POSTGRESQL</c> and runs them on PostgreSQL.
/// </summary>
internal static class StoreUnderTest
{
#if STORE_POSTGRESQL
    public static readonly StoreProvider Provider = StoreProvider.PostgreSql;
#else
    public static readonly StoreProvider Provider = StoreProvider.Sqlite;
#endif

    /// <summary>A new, empty store of the test's own on the provider under test, for instances that share it.</summary>
    public static async Task<TestStore> NewStoreAsync()
    {
        if (Provider == StoreProvider.PostgreSql)
        {
            var database = PostgreSqlDatabase();
            await database.CreateAsync();
            return new TestStore(database.ConnectionString, database.DisposeAsync);
        }

        var folder = Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestStore($"Data Source={Path.Combine(folder, "dashboard.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A database of the test's own on the run's PostgreSQL server, created when the desk starts.</summary>
    public static PostgresDatabase PostgreSqlDatabase() =>
        // Off the test's synchronization context: the first call may start the server and wait for it.
        Task.Run(() => PostgresServer.Shared).GetAwaiter().GetResult().Database();
}
