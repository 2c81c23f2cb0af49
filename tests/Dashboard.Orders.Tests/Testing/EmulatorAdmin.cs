using System.Net.Http.Json;
using Dashboard.Testing;

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
}

/// <summary>One entry of <c>GET /emulator/changes</c>.</summary>
internal sealed record AppliedChange(string CustomerId, string OrderId, string? RequestId, string Change, DateTimeOffset AppliedAt);
