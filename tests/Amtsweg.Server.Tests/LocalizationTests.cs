using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

public partial class LocalizationTests
{
    private static readonly string ServerFolder = Path.Combine(TestPaths.RepositoryRoot, "src", "Amtsweg.Server");

    [Fact]
    public void ResourceFiles_HaveTheSameKeys_InGermanAndEnglish()
    {
        var german = Keys("Ui.resx");
        var english = Keys("Ui.en.resx");

        Assert.Empty(german.Except(english));
        Assert.Empty(english.Except(german));
    }

    [Fact]
    public void EveryTextKeyUsedInPagesAndCode_ExistsInResources()
    {
        var keys = Keys("Ui.resx");
        var used = Directory.EnumerateFiles(ServerFolder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(path => KeyUse().Matches(File.ReadAllText(path)).Select(match => (path, key: match.Groups[1].Value)))
            .ToList();

        var missing = used.Where(use => !keys.Contains(use.key)).Select(use => $"{Path.GetFileName(use.path)}: {use.key}").ToList();

        Assert.NotEmpty(used);
        Assert.True(missing.Count == 0, "Missing in Ui.resx: " + string.Join(", ", missing));
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(ServerFolder, "Resources", file)).Root!.Elements("data").Select(data => (string)data.Attribute("name")!).ToHashSet();

    // T["Key"] in pages, text["Key"] in page models; interpolated keys ($"...") are checked by the pages' own tests.
    [GeneratedRegex(@"(?:\bT|\btext)\[""([A-Za-z0-9.]+)""")]
    private static partial Regex KeyUse();
}
