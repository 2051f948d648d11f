using Amtsweg.Decisions.Tck;

namespace Amtsweg.Decisions.Tests.Parsing;

public class TckModelParsingTests
{
    public static TheoryData<string> ModelFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.TckFolder, "*.dmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.TckFolder, file));
        }

        return data;
    }

    public static TheoryData<string> SuiteFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.TckFolder, "*-test-01.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.TckFolder, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void ParseFile_ReadsModel_ForEveryTckModel(string relativePath)
    {
        var definitions = DmnParser.ParseFile(Path.Combine(TestPaths.TckFolder, relativePath));

        Assert.False(string.IsNullOrEmpty(definitions.Namespace));
        Assert.NotEmpty(definitions.DrgElements.Concat<object>(definitions.ItemDefinitions));
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void ReadFile_ReadsCases_ForEveryTckSuite(string relativePath)
    {
        var suite = TckSuiteReader.ReadFile(Path.Combine(TestPaths.TckFolder, relativePath));

        Assert.NotEmpty(suite.Cases);
        Assert.All(suite.Cases, c => Assert.NotEmpty(c.Results));
    }
}
