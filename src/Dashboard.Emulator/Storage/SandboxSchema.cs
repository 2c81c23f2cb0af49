using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Storage;

/// <summary>
/// Brings a sandbox file made by an older emulator up to the current model. The file is created with
/// <c>EnsureCreated</c>, which leaves an existing file alone, so columns added since are missing from it; they are all
/// nullable and are added in place, keeping the user's sandbox (migrations would be more machinery than this needs).
/// </summary>
internal static class SandboxSchema
{
    // Table, column, SQLite type: every column added after the first release, none of them required.
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("Orders", nameof(OrderRecord.CancelTakesEffectAt), "TEXT"),
    ];

    /// <summary>Adds the columns the file lacks; returns them as Table.Column, for the log.</summary>
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
            added.Add($"{table}.{column}");
        }

        return added;
    }
}
