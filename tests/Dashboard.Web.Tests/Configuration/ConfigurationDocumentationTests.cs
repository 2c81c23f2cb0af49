using System.Reflection;
using System.Text.Json;
using Dashboard.Emulator;
using Dashboard.PartnerCenter;
using Dashboard.Web.Tests.Testing;

namespace Dashboard.Web.Tests.Configuration;

/// <summary>Every setting the app reads is in appsettings.sample.json and in the README's configuration table.</summary>
public sealed class ConfigurationDocumentationTests
{
    private static readonly string Root = RepositoryFiles.Root;

    public static TheoryData<string> Keys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in JsonKeys(Path.Combine(Root, "src", "Dashboard.Web", "appsettings.json")))
        {
            keys.Add(key.StartsWith("Serilog:", StringComparison.Ordinal) ? "Serilog:*" : key);
        }

        keys.UnionWith(OptionKeys(typeof(PartnerCenterOptions), PartnerCenterOptions.SectionName));
        keys.UnionWith(OptionKeys(typeof(EmulatorOptions), EmulatorOptions.SectionName));
        keys.UnionWith(OptionKeys(typeof(Dashboard.Web.Features.Access.RoleOptions), Dashboard.Web.Features.Access.RoleOptions.Section));
        keys.UnionWith(OptionKeys(typeof(Dashboard.Web.Features.Access.DevelopmentSignInOptions), Dashboard.Web.Features.Access.DevelopmentSignInOptions.Section));
        keys.UnionWith(OptionKeys(typeof(Dashboard.Web.Hosting.UiOptions), Dashboard.Web.Hosting.UiOptions.Section));
        keys.UnionWith(OptionKeys(typeof(Dashboard.Web.Features.Access.SessionOptions), Dashboard.Web.Features.Access.SessionOptions.Section));
        keys.UnionWith(OptionKeys(typeof(Dashboard.Orders.Jobs.JobOptions), Dashboard.Orders.Jobs.JobOptions.SectionName));
        return [.. keys];
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_IsInTheSampleSettings(string key)
    {
        var sample = JsonKeys(Path.Combine(Root, "appsettings.sample.json"));

        if (key == "Serilog:*")
        {
            sample.ShouldContain(k => k.StartsWith("Serilog:", StringComparison.Ordinal));
        }
        else
        {
            sample.ShouldContain(key);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_IsInTheReadmeConfigurationTable(string key)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        readme.ShouldContain($"| `{key}` |");
    }

    // Every bindable property, nested option classes flattened (Emulator:Faults:ErrorRate).
    private static IEnumerable<string> OptionKeys(Type options, string section) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .SelectMany(p => IsSettingsClass(p.PropertyType)
                ? OptionKeys(p.PropertyType, $"{section}:{p.Name}")
                : [$"{section}:{p.Name}"]);

    private static bool IsSettingsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Dashboard", StringComparison.Ordinal) == true;

    private static List<string> JsonKeys(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Flatten(document.RootElement, "").ToList();
    }

    private static IEnumerable<string> Flatten(JsonElement element, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            foreach (var child in Flatten(property.Value, key))
            {
                yield return child;
            }
        }
    }
}
