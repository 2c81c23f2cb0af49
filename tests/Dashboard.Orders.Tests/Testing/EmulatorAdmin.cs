using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>The emulator's own controls (<c>/emulator</c>): the injected faults and the changes applied to orders.</summary>
internal static class EmulatorAdmin
{
    /// <summary>Replaces the injected faults, e.g. <c>new { timeoutRate = 0.3, randomSeed = 7 }</c>; unnamed ones are off.</summary>
    public static async Task SetFaultsAsync(this RunningEmulator emulator, object faults, CancellationToken cancellationToken)
    {
        using var client = emulator.CreateClient();
        using var response = await client.PutAsJsonAsync("emulator/faults", faults, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task SwitchFaultsOffAsync(this RunningEmulator emulator, CancellationToken cancellationToken)
    {
        using var client = emulator.CreateClient();
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.PutAsync("emulator/faults", body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

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
