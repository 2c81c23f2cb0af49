using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Testing;

namespace Dashboard.Web.Tests.Configuration;

/// <summary>
/// Code comments cite the Partner Center facts they rely on as <c>docs/partner-center.md#&lt;anchor&gt;</c>: every
/// cited anchor exists in the document, and nothing points at the research notes outside the repository any more.
/// </summary>
public sealed partial class PartnerCenterFactsDocumentationTests
{
    // Spelled in two pieces so that this file does not find itself.
    private const string OldNotesName = "API-" + "NOTES";

    private static readonly string Root = RepositoryFiles.Root;

    private static readonly string[] ScannedFolders = ["src", "tests"];

    private static readonly string[] ScannedExtensions = [".cs", ".razor", ".py", ".json", ".md"];

    [Fact]
    public void SourceComments_CitePartnerCenterFacts_OnlyAnchorsThatExistInDocs()
    {
        var anchors = DocumentAnchors(File.ReadAllText(Path.Combine(Root, "docs", "partner-center.md")));
        var citations = new List<string>();
        var broken = new List<string>();
        var oldNotes = new List<string>();

        foreach (var file in ScannedFiles())
        {
            var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match citation in Citation().Matches(lines[i]))
                {
                    citations.Add($"{relative}:{i + 1}");
                    if (!anchors.Contains(citation.Groups["anchor"].Value))
                    {
                        broken.Add($"{relative}:{i + 1} cites #{citation.Groups["anchor"].Value}");
                    }
                }

                if (lines[i].Contains(OldNotesName, StringComparison.OrdinalIgnoreCase))
                {
                    oldNotes.Add($"{relative}:{i + 1}");
                }
            }
        }

        citations.ShouldNotBeEmpty();
        broken.ShouldBeEmpty();
        oldNotes.ShouldBeEmpty();
    }

    // src/ and tests/ sources and docs (build output left out), and the README.
    private static IEnumerable<string> ScannedFiles() =>
        ScannedFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories))
            .Where(file => ScannedExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !Path.GetRelativePath(Root, file).Split('/', '\\').Any(IsSkippedFolder))
            .Append(Path.Combine(Root, "README.md"));

    private static bool IsSkippedFolder(string segment) =>
        segment is "bin" or "obj" or "node_modules" || segment.StartsWith('.');

    // Explicit <a id="..."></a> anchors, plus the anchors GitHub derives from headings.
    private static HashSet<string> DocumentAnchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match anchor in ExplicitAnchor().Matches(markdown))
        {
            anchors.Add(anchor.Groups["id"].Value);
        }

        foreach (Match heading in Heading().Matches(markdown))
        {
            var text = heading.Groups["text"].Value.Trim().ToLowerInvariant();
            anchors.Add(HeadingPunctuation().Replace(text, "").Replace(' ', '-'));
        }

        return anchors;
    }

    [GeneratedRegex(@"docs/partner-center\.md#(?<anchor>[A-Za-z0-9_-]+)")]
    private static partial Regex Citation();

    [GeneratedRegex("""<a id="(?<id>[^"]+)"></a>""")]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex HeadingPunctuation();
}
