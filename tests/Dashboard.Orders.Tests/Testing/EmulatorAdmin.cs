using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The emulator's own controls (<c>/emulator</c>) that only these tests need: the changes applied to orders. The
/// faults are set with <see cref="RunningEmulator.SetFaultsAsync"/>.
/// </summary>
internal static class EmulatorAdmin
{
    /// <summary>The changes the emulator applied to an order, one per applied cancel, oldest first.</summary>
    public static async Task<IReadOnlyList<AppliedChange>> ChangesAsync(this RunningEmulator emulator, string orderId, CancellationToken cancellationToken)
    {
        using var client = emulator.CreateClient();
        var changes = await client.GetFromJsonAsync<List<AppliedChange>>(
            $"emulator/changes?orderId={Uri.EscapeDataString(orderId)}", cancellationToken);
        return changes ?? [];
    }

    /// <summary>Cancels an order as any Partner Center client would, with <paramref name="requestId"/> as its <c>MS-RequestId</c>.</summary>
    public static async Task CancelOrderAsync(
        this RunningEmulator emulator, string customerId, string orderId, string requestId, CancellationToken cancellationToken)
    {
        using var client = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}")
        {
            Content = JsonContent.Create(new { id = orderId, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", requestId);
        using var response = await client.SendAsync(request, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The status <c>GET /v1/customers/{id}</c> answers: 200 while the customer exists, 404 once it is deleted.</summary>
    public static async Task<HttpStatusCode> CustomerStatusAsync(this RunningEmulator emulator, string customerId, CancellationToken cancellationToken)
    {
        using var client = emulator.CreateClient();
        using var response = await client.GetAsync($"v1/customers/{customerId}", cancellationToken);
        return response.StatusCode;
    }

    /// <summary>
    /// Removes an order from the sandbox's file, e.g. the marketplace order that keeps a demo customer from being deleted,
    /// so that a clean-up can delete it.
    /// </summary>
    public static async Task RemoveOrderAsync(this RunningEmulator emulator, string orderId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={emulator.DataPath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM Orders WHERE Id = $id";
        delete.Parameters.AddWithValue("$id", orderId);
        (await delete.ExecuteNonQueryAsync(cancellationToken)).ShouldBe(1, $"the sandbox has no order {orderId}");
    }
}

/// <summary>One entry of <c>GET /emulator/changes</c>.</summary>
internal sealed record AppliedChange(string CustomerId, string OrderId, string? RequestId, string Change, DateTimeOffset AppliedAt);
