using Dashboard.Testing;

namespace Dashboard.Emulator.Tests;

/// <summary>One demo-seeded emulator shared by the tests of a class that only read from it.</summary>
public sealed class DemoSandboxFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = default!;

    public HttpClient Client { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Emulator = await RunningEmulator.StartAsync();
        Client = Emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
