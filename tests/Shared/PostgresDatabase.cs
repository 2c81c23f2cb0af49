using Npgsql;

namespace Dashboard.Testing;

/// <summary>
/// A database of one test's own on a <see cref="PostgresServer"/>: its name and connection string are known at once,
/// the database exists once created, and it is dropped, its connections closed, on dispose.
/// </summary>
public sealed class PostgresDatabase(PostgresServer server, string name) : IAsyncDisposable
{
    private bool _created;

    public string Name { get; } = name;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;

    public async Task CreateAsync()
    {
        if (_created)
        {
            return;
        }

        await AsAdminAsync($"CREATE DATABASE \"{Name}\"");
        _created = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_created)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await AsAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task AsAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
