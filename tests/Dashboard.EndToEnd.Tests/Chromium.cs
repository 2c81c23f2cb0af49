namespace Dashboard.EndToEnd.Tests;

/// <summary>The distribution's Chromium: this machine never downloads a browser (test.sh installs the package).</summary>
internal static class Chromium
{
    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium was not found at {path}. Run ./test.sh (it installs Debian's chromium package) or set CHROMIUM_PATH.");
    }
}
