using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Orders.Storage;

/// <summary>
/// Lets SQLite itself wait for the write lock on every connection the store opens (<c>PRAGMA busy_timeout</c>, which is
/// per connection and 0 by default). Without it Microsoft.Data.Sqlite meets a write in progress by sleeping 150 ms and
/// trying again, and a job's items, which store their state before and after each call from several at once, lost
/// seconds that way: in JobRateBenchmarks, 47 to 129 of a 1,000-order job's 2,000 writes waited 150 to 900 ms for
/// locks held a millisecond or two. SQLite's own wait retries within milliseconds. Other providers are left alone.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    // As long as Microsoft.Data.Sqlite's default command timeout, after which it gives up anyway.
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite runs every command synchronously; a pragma takes microseconds.
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }
}
