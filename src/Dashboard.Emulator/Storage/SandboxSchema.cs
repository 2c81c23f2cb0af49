using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Storage;

/// <summary>
/// Brings a sandbox file made by an older emulator up to the current model. The file is created with
/// <c>EnsureCreated</c>, which leaves an existing file alone, so tables and columns added since are missing from it.
/// They are added in place, keeping the user's sandbox (migrations would be more machinery than this needs): added
/// columns are all nullable, and an added table is created as the current model creates it.
/// </summary>
internal static class SandboxSchema
{
    // Table, column, SQLite type: every column added to an existing table after the first release, none of them required.
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("Orders", nameof(OrderRecord.CancelTakesEffectAt), "TEXT"),
    ];

    // Every table added after the first release.
    private static readonly string[] AddedTables = ["AuditRecords"];

    /// <summary>Adds the tables and columns the file lacks; returns them (table "Table", column "Table.Column"), for the log.</summary>
    public static async Task<IReadOnlyList<string>> UpgradeAsync(SandboxDbContext db, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var (table, column, type) in AddedColumns)
        {
            var existing = await db.Database
                .SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})")
                .ToListAsync(cancellationToken);
            if (existing.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

#pragma warning disable EF1002 // DDL takes no parameters; the names are the constants above, never input.
            await db.Database.ExecuteSqlRawAsync($"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {type} NULL", cancellationToken);
#pragma warning restore EF1002
            added.Add($"column {table}.{column}");
        }

        foreach (var table in AddedTables)
        {
            var found = await db.Database
                .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name = {table}")
                .ToListAsync(cancellationToken);
            if (found.Count > 0)
            {
                continue;
            }

            foreach (var statement in CreateStatements(db, table))
            {
#pragma warning disable EF1002 // DDL generated from the model for a constant table name, never input.
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
#pragma warning restore EF1002
            }

            added.Add($"table {table}");
        }

        return added;
    }

    // The model's own script for a new file, cut down to the table's CREATE TABLE and CREATE INDEX statements, so that an
    // upgraded file and a new one hold the same table.
    private static IEnumerable<string> CreateStatements(SandboxDbContext db, string table) =>
        db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.StartsWith($"CREATE TABLE \"{table}\" ", StringComparison.Ordinal)
                || (s.StartsWith("CREATE ", StringComparison.Ordinal) && s.Contains($" ON \"{table}\" ", StringComparison.Ordinal)));
}
