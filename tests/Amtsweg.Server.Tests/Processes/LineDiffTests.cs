using Amtsweg.Server.Features.Processes.Changes;

namespace Amtsweg.Server.Tests.Processes;

public sealed class LineDiffTests
{
    private static string Render(IReadOnlyList<DiffLine> lines) =>
        string.Join("|", lines.Select(l => (l.Kind switch { LineChangeKind.Added => "+", LineChangeKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void Compare_MarksNothing_WhenTextsAreEqualUpToLineEndings()
    {
        var lines = LineDiff.Compare("a\r\nb\r\n", "a\nb");

        Assert.False(LineDiff.HasChanges(lines));
        Assert.Equal(" a| b", Render(lines));
    }

    [Fact]
    public void Compare_AlignsUnchangedLines_AndMarksChangedOnesRemovedThenAdded()
    {
        var lines = LineDiff.Compare("{\n  \"label\": \"Name\",\n  \"key\": \"name\"\n}", "{\n  \"label\": \"Vollständiger Name\",\n  \"key\": \"name\",\n  \"validate\": true\n}");

        Assert.Equal(" {|-  \"label\": \"Name\",|-  \"key\": \"name\"|+  \"label\": \"Vollständiger Name\",|+  \"key\": \"name\",|+  \"validate\": true| }", Render(lines));
    }

    [Fact]
    public void Compare_FindsTheLongestCommonLines_InTheMiddle()
    {
        var lines = LineDiff.Compare("a\nb\nc\nd\ne", "a\nc\nx\nd\ne");

        Assert.Equal(" a|-b| c|+x| d| e", Render(lines));
    }

    [Fact]
    public void Compare_ShowsEverything_WhenOneSideIsMissing()
    {
        Assert.Equal("+a|+b", Render(LineDiff.Compare(null, "a\nb")));
        Assert.Equal("-a|-b", Render(LineDiff.Compare("a\nb", "")));
    }

    [Fact]
    public void Compare_ShowsTheWholeMiddleRemovedAndAdded_WhenItIsTooLargeToAlign()
    {
        var old = string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"alt {i}"));
        var current = string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"neu {i}"));

        var lines = LineDiff.Compare("kopf\n" + old + "\nfuss", "kopf\n" + current + "\nfuss");

        Assert.Equal(5002, lines.Count);
        Assert.Equal(LineChangeKind.Same, lines[0].Kind);
        Assert.All(lines.Skip(1).Take(2500), l => Assert.Equal(LineChangeKind.Removed, l.Kind));
        Assert.All(lines.Skip(2501).Take(2500), l => Assert.Equal(LineChangeKind.Added, l.Kind));
        Assert.Equal("fuss", lines[^1].Text);
    }
}
