using System.ComponentModel.DataAnnotations;

namespace Dashboard.Emulator;

/// <summary>Settings of the Partner Center integration-sandbox emulator, bound from the <c>Emulator</c> section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The SQLite file that holds the sandbox. Empty means the user's local application data folder.</summary>
    public string? DataPath { get; set; }

    /// <summary>The seed profile used when the database is created.</summary>
    [Required, RegularExpression("^(demo|empty)$", ErrorMessage = "Emulator:Seed must be 'demo' or 'empty'.")]
    public string Seed { get; set; } = "demo";

    internal string ResolveDataPath()
    {
        if (!string.IsNullOrWhiteSpace(DataPath))
        {
            return Path.GetFullPath(DataPath);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        return Path.Combine(root, "SandboxOrderDesk", "emulator.db");
    }
}
