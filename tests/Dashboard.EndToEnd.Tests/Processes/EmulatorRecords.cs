using System.Net.Http.Json;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>What an emulator process recorded, read through its admin endpoints, so that a test can count what it was asked.</summary>
internal static class EmulatorRecords
{
    /// <summary>The changes applied to orders (<c>GET /emulator/changes</c>).</summary>
    public static async Task<List<AppliedChange>> ChangesAsync(HttpClient emulator) =>
        await emulator.GetFromJsonAsync<List<AppliedChange>>("emulator/changes", TestContext.Current.CancellationToken) ?? [];

    /// <summary>Every changing request answered, once per <c>MS-RequestId</c>, a retry with the same id being one (<c>GET /emulator/requests</c>).</summary>
    public static async Task<List<AnsweredRequest>> RequestsAsync(HttpClient emulator) =>
        await emulator.GetFromJsonAsync<List<AnsweredRequest>>("emulator/requests", TestContext.Current.CancellationToken) ?? [];

    public sealed record AppliedChange(string OrderId, string? RequestId, string Change);

    public sealed record AnsweredRequest(string RequestId, string Method, string Path, int StatusCode);
}
