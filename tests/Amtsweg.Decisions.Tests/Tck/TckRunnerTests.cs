using System.Text.Json;
using Amtsweg.Decisions.Tck;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tests.Tck;

public class TckRunnerTests
{
    [Fact]
    public void Run_ReportsEveryCaseOfAFolder_WithStableKeys()
    {
        var folder = Path.Combine(TestPaths.TckFolder, "compliance-level-2", "0004-simpletable-U");

        var report = TckRunner.Run(folder);

        Assert.NotEmpty(report.Cases);
        Assert.All(report.Cases, c => Assert.StartsWith("0004-simpletable-U-test-01.xml#", c.Key, StringComparison.Ordinal));
        Assert.Equal(report.Total, report.Passed);
    }

    [Fact]
    public void Run_ReportsModelErrorPerCase_WhenModelIsBroken()
    {
        var folder = Directory.CreateTempSubdirectory("tck-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "broken.dmn"), "<definitions xmlns=\"urn:not-dmn\"/>");
            File.WriteAllText(Path.Combine(folder.FullName, "broken-test-01.xml"), """
                <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase">
                  <modelName>broken.dmn</modelName>
                  <testCase id="001"><resultNode name="d"><expected><value>1</value></expected></resultNode></testCase>
                </testCases>
                """);

            var report = TckRunner.Run(folder.FullName);

            var only = Assert.Single(report.Cases);
            Assert.False(only.Passed);
            Assert.Contains("DMN", only.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteJson_WritesTotalsGroupsAndCases()
    {
        var report = TckRunner.Run(Path.Combine(TestPaths.TckFolder, "compliance-level-2", "0001-input-data-string"));
        using var stream = new MemoryStream();

        TckReportWriter.WriteJson(report, stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(report.Total, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(report.Total, json.RootElement.GetProperty("cases").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("cases")[0].GetProperty("passed").GetBoolean());
    }

    [Theory]
    [InlineData("decimal", "12.50", "12.5")]
    [InlineData("double", "1.5E2", "150")]
    [InlineData("boolean", "true", "true")]
    [InlineData("date", "2024-02-29", "date(\"2024-02-29\")")]
    [InlineData("dateTime", "2024-02-29T10:00:00+01:00", "date and time(\"2024-02-29T10:00:00+01:00\")")]
    [InlineData("time", "10:00:00", "time(\"10:00:00\")")]
    [InlineData("duration", "P1Y2M", "duration(\"P1Y2M\")")]
    [InlineData("duration", "P1DT2H", "duration(\"P1DT2H\")")]
    [InlineData("string", "  spaced ", "\"  spaced \"")]
    public void ToFeel_ConvertsTypedValues(string xsdType, string text, string feel)
    {
        var value = TckValueConverter.ToFeel(new TckSimpleValue(text, xsdType));

        Assert.Equal(FeelParser.Evaluate(feel).Value, value);
    }

    [Fact]
    public void ToFeel_ConvertsListsContextsAndNil()
    {
        var value = new TckContextValue([
            new("a", new TckListValue([new TckSimpleValue("1", "decimal"), TckNilValue.Instance])),
            new("b", new TckSimpleValue("x", null)),
        ]);

        Assert.Equal(FeelParser.Evaluate("{a: [1, null], b: \"x\"}").Value, TckValueConverter.ToFeel(value));
    }

    [Theory]
    [InlineData("1", "1.000000001", true)]
    [InlineData("1", "1.0001", false)]
    [InlineData("[1, 2]", "[1, 2]", true)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    [InlineData("{a: 1}", "{a: 1, b: 2}", false)]
    [InlineData("null", "null", true)]
    [InlineData("null", "0", false)]
    [InlineData("date and time(\"2020-01-01T10:00:00\")", "date and time(\"2020-01-01T10:00:00Z\")", false)]
    [InlineData("duration(\"P1D\")", "duration(\"PT24H\")", true)]
    public void Matches_ComparesLikeTheTck(string expected, string actual, bool matches)
    {
        Assert.Equal(matches, TckValueComparer.Matches(FeelParser.Evaluate(expected).Value, FeelParser.Evaluate(actual).Value));
    }
}
