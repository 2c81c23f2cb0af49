using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.EndToEnd.Tests.Processes;

/// <summary>
/// One of the app's programs (the dashboard, the emulator) run as its own process from the test's output folder, as
/// `dotnet Program.dll`, with settings as environment variables; its output is kept for the test to wait on and to show
/// when a test fails. <see cref="KillAsync"/> is SIGKILL: nothing of the program's own shutdown runs.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly SemaphoreSlim _newOutput = new(0);

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything the program wrote, both streams, in order of arrival.</summary>
    public string Output => string.Join('\n', _output);

    public static ChildProcess Start(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly)])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The URL the program said it listens on (ASP.NET Core's "Now listening on: ...").</summary>
    public async Task<Uri> ListeningAtAsync(TimeSpan within)
    {
        var line = await WaitForOutputAsync(ListeningLine(), within);
        return new Uri(ListeningLine().Match(line).Groups["url"].Value.TrimEnd('/') + "/");
    }

    /// <summary>Waits for a line of output that matches <paramref name="pattern"/>; fails with the output so far.</summary>
    public async Task<string> WaitForOutputAsync(Regex pattern, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            if (_output.FirstOrDefault(pattern.IsMatch) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {_process.ExitCode} before writing /{pattern}/. Its output:\n{Output}");
            }

            try
            {
                await _newOutput.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The process did not write /{pattern}/ within {within}. Its output:\n{Output}");
            }
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _newOutput.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _newOutput.Release();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
