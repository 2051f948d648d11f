using Amtsweg.Library.Packages;
using Amtsweg.Testing;

namespace Amtsweg.Library.Tests;

/// <summary>
/// The real packages of the repository's <c>library/</c> folder: each one validates and passes its scenarios, so that
/// <c>./test.sh</c> runs them. Without the folder (or without packages in it) the theory has the single case
/// „(keine Pakete)“, which passes and says so.
/// </summary>
public sealed class LibraryPackagesTests
{
    private const string None = "(keine Pakete)";

    /// <summary>The repository's <c>library/</c> folder.</summary>
    public static string Library => Path.Combine(TestPaths.RepositoryRoot, "library");

    /// <summary>Every package folder under <c>library/</c> by name, or the one case <see cref="None"/>.</summary>
    public static TheoryData<string> Packages
    {
        get
        {
            var folders = Directory.Exists(Library)
                ? Directory.GetDirectories(Library).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
                : [];
            return folders.Count == 0 ? [None] : [.. folders];
        }
    }

    [Fact]
    public void Theory_HasOneCasePerPackageFolder_OrOnlyTheNoneCase()
    {
        var folders = Directory.Exists(Library) ? Directory.GetDirectories(Library).Length : 0;

        var cases = ((IEnumerable<object[]>)Packages).Select(row => (string)row[0]).ToList();

        Assert.Equal(folders == 0 ? [None] : Directory.GetDirectories(Library).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal), cases);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task Package_IsValidAndPassesEveryScenario(string package)
    {
        if (package == None)
        {
            Assert.False(Directory.Exists(Library) && Directory.GetDirectories(Library).Length > 0);
            return;
        }

        var test = await PackageTester.TestAsync(Path.Combine(Library, package));

        Assert.True(test.Validation.IsValid, $"{package}:\n" + string.Join("\n", test.Validation.Lines()));
        Assert.Equal(package, test.Validation.Manifest!.Id);
        Assert.True(test.Passed, $"{package}:\n" + string.Join("\n", test.Lines()));
    }
}
