namespace Dashboard.Emulator;

internal static class Program
{
    // Standalone: dotnet run --project src/Dashboard.Emulator -- --urls http://127.0.0.1:5080
    private static async Task Main(string[] args)
    {
        var app = EmulatorApp.Create(args);
        await app.RunAsync();
    }
}
