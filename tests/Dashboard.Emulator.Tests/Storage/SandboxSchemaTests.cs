using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Emulator.Tests.Storage;

/// <summary>
/// A sandbox file made by an older emulator lacks what was added since: the order column that holds when a cancel takes
/// effect (<c>Emulator:CancelProcessingSeconds</c>), and the audit records table. The emulator adds them at start and
/// keeps the file's sandbox.
/// </summary>
public sealed class SandboxSchemaTests
{
    private const string Column = "CancelTakesEffectAt";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string SeedDocumentOrderUri => $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    [Fact]
    public async Task Start_FileWithoutTheCancelColumn_AddsItAndKeepsTheSandbox()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await CancelAsync(emulator, SeedIds.Contoso, SeedIds.ContosoReservedInstance);
        await MakeOldFileAsync(emulator.DataPath);

        await emulator.RestartAsync();

        (await ColumnsAsync(emulator.DataPath)).ShouldContain(Column);
        using var client = emulator.CreateClient();
        var orders = (await client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders")).Items();
        orders.Single(o => o.GetProperty("id").GetString() == SeedIds.ContosoReservedInstance).GetProperty("status").GetString().ShouldBe("cancelled");
        orders.Single(o => o.GetProperty("id").GetString() == SeedIds.SeedDocumentOrder).GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Patch_OnAnUpgradedFileWithProcessingTime_ReadsPendingThenCancelled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", "30")], time);
        await MakeOldFileAsync(emulator.DataPath);
        await emulator.RestartAsync();

        var answer = await CancelAsync(emulator, SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        using var client = emulator.CreateClient();
        (await answer.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("pending");
        time.Advance(TimeSpan.FromSeconds(30));
        (await client.GetOkJsonAsync(SeedDocumentOrderUri)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Start_FileWithoutTheAuditRecordsTable_CreatesItAsANewFileHasIt()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var current = await ColumnDefinitionsAsync(emulator.DataPath, "AuditRecords");
        var currentIndexes = await IndexesAsync(emulator.DataPath, "AuditRecords");
        await ExecuteAsync(emulator.DataPath, "DROP TABLE AuditRecords");
        (await ColumnDefinitionsAsync(emulator.DataPath, "AuditRecords")).ShouldBeEmpty();

        await emulator.RestartAsync();

        (await ColumnDefinitionsAsync(emulator.DataPath, "AuditRecords")).ShouldBe(current);
        (await IndexesAsync(emulator.DataPath, "AuditRecords")).ShouldBe(currentIndexes);
    }

    [Fact]
    public async Task Patch_OnAFileUpgradedWithTheAuditRecordsTable_IsRecorded()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await ExecuteAsync(emulator.DataPath, "DROP TABLE AuditRecords");
        await emulator.RestartAsync();

        await CancelAsync(emulator, SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        using var client = emulator.CreateClient();
        var record = (await client.GetOkJsonAsync("v1/auditrecords")).Items().ShouldHaveSingleItem();
        record.GetProperty("operationType").GetString().ShouldBe("update_order");
    }

    [Fact]
    public async Task Start_CurrentFile_LeavesItsColumnsAsTheyAre()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var before = await ColumnsAsync(emulator.DataPath);

        await emulator.RestartAsync();

        (await ColumnsAsync(emulator.DataPath)).ShouldBe(before);
        before.Count(c => c == Column).ShouldBe(1);
    }

    // What an older emulator left behind: the same tables without the column (SQLite 3.35+ drops columns).
    private static async Task MakeOldFileAsync(string dataPath)
    {
        await ExecuteAsync(dataPath, $"ALTER TABLE Orders DROP COLUMN {Column}");
        (await ColumnsAsync(dataPath)).ShouldNotContain(Column);
    }

    private static async Task ExecuteAsync(string dataPath, string sql)
    {
        await using var connection = Open(dataPath);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static Task<List<string>> ColumnsAsync(string dataPath) => NamesAsync(dataPath, "SELECT name FROM pragma_table_info('Orders')");

    // Name, type, NOT NULL and primary key of each column.
    private static Task<List<string>> ColumnDefinitionsAsync(string dataPath, string table) =>
        NamesAsync(dataPath, $"SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('{table}')");

    private static Task<List<string>> IndexesAsync(string dataPath, string table) =>
        NamesAsync(dataPath, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL");

    private static async Task<List<string>> NamesAsync(string dataPath, string sql)
    {
        await using var connection = Open(dataPath);
        await connection.OpenAsync(Cancellation);
        await using var query = connection.CreateCommand();
        query.CommandText = sql;
        var names = new List<string>();
        await using var reader = await query.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    // Unpooled, so that no connection of the test outlives it and holds the file.
    private static SqliteConnection Open(string dataPath) => new($"Data Source={dataPath};Pooling=False");

    private static async Task<HttpResponseMessage> CancelAsync(RunningEmulator emulator, string customerId, string orderId)
    {
        using var client = emulator.CreateClient();
        var response = await client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}", new { id = orderId, status = "cancelled" }, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response;
    }
}
