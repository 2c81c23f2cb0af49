using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests;

/// <summary>
/// Screenshots taken by the end-to-end tests. They always go to the test output folder; with
/// UPDATE_README_SCREENSHOTS=1 they also replace the ones the README shows.
/// </summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name, ILocator? element = null)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        if (element is null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = output, Animations = ScreenshotAnimations.Disabled });
        }
        else
        {
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = output, Animations = ScreenshotAnimations.Disabled });
        }

        if (Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOTS") == "1")
        {
            var readmeCopy = Path.Combine(RepositoryRoot(), "tests", "Dashboard.EndToEnd.Tests", "Screenshots", name);
            Directory.CreateDirectory(Path.GetDirectoryName(readmeCopy)!);
            File.Copy(output, readmeCopy, overwrite: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln was not found above the test output folder.");
    }
}
