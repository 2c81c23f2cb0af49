namespace Dashboard.Web.Tests.Testing;

/// <summary>Files of the repository the tests check against the code: documentation, samples, generated assets.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder with Dashboard.sln, found above the test output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
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
