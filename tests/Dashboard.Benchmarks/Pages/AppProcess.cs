using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Benchmarks.Pages;

/// <summary>
/// A published app (<c>dotnet X.dll</c>) started as its own process on a free loopback port, as an operator runs it.
/// Disposing it kills it (this process, by its id: only what the benchmark started).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly long _started;
    private readonly Queue<string> _lastLines = new();

    private AppProcess(Process process, long started, Uri baseAddress, string name)
    {
        _process = process;
        _started = started;
        BaseAddress = baseAddress;
        Name = name;
    }

    public Uri BaseAddress { get; }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="dll"/> from its folder with these environment variables and ASPNETCORE_URLS on a free port.</summary>
    public static AppProcess Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", Path.GetFileName(dll))
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        var app = new AppProcess(process, started, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Path.GetFileNameWithoutExtension(dll));
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Polls <paramref name="path"/> (every 10 ms, redirects not followed) until it answers 200; returns the time from
    /// the process start.
    /// </summary>
    public async Task<TimeSpan> WaitForOkAsync(string path, TimeSpan timeout, string? bearerToken = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (bearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        while (Stopwatch.GetElapsedTime(_started) < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before {path} answered:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(_started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Name} did not answer 200 on {path} within {timeout}:{Environment.NewLine}{Tail()}");
    }

    /// <summary>The process's resident set (VmRSS), what the issue calls the server's working set.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>The median of a few working-set readings a second apart, after the process had time to settle.</summary>
    public async Task<long> SettledWorkingSetAsync(TimeSpan settle)
    {
        await Task.Delay(settle);
        var readings = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            readings.Add(WorkingSetBytes());
            await Task.Delay(1_000);
        }

        readings.Sort();
        return readings[1];
    }

    /// <summary>
    /// The settled working set after full garbage collections in the process (<see cref="InducedCollection"/>): two, so
    /// that what waited for a finalizer in the first is gone after the second; and the live managed bytes after the second.
    /// </summary>
    public async Task<(long WorkingSet, long Heap)> CollectedMemoryAsync(TimeSpan settle)
    {
        await InducedCollection.CollectAsync(_process.Id);
        var heap = await InducedCollection.CollectAsync(_process.Id);
        return (await SettledWorkingSetAsync(settle), heap);
    }

    public string Tail()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
