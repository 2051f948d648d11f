using Amtsweg.Library.Packages.Diff;

namespace Amtsweg.Server.Tests.Processes;

public sealed class LineDiffTests
{
    private static string Render(IReadOnlyList<TextLine> lines) =>
        string.Join("|", lines.Select(l => (l.Kind switch { TextLineKind.Added => "+", TextLineKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void Compare_MarksNothing_WhenTextsAreEqualUpToLineEndings()
    {
        var lines = TextDiff.Compare("a\r\nb\r\n", "a\nb");

        Assert.False(TextDiff.HasChanges(lines));
        Assert.Equal(" a| b", Render(lines));
    }

    [Fact]
    public void Compare_AlignsUnchangedLines_AndMarksChangedOnesRemovedThenAdded()
    {
        var lines = TextDiff.Compare("{\n  \"label\": \"Name\",\n  \"key\": \"name\"\n}", "{\n  \"label\": \"Vollständiger Name\",\n  \"key\": \"name\",\n  \"validate\": true\n}");

        Assert.Equal(" {|-  \"label\": \"Name\",|-  \"key\": \"name\"|+  \"label\": \"Vollständiger Name\",|+  \"key\": \"name\",|+  \"validate\": true| }", Render(lines));
    }

    [Fact]
    public void Compare_FindsTheLongestCommonLines_InTheMiddle()
    {
        var lines = TextDiff.Compare("a\nb\nc\nd\ne", "a\nc\nx\nd\ne");

        Assert.Equal(" a|-b| c|+x| d| e", Render(lines));
    }

    [Fact]
    public void Compare_ShowsEverything_WhenOneSideIsMissing()
    {
        Assert.Equal("+a|+b", Render(TextDiff.Compare(null, "a\nb")));
        Assert.Equal("-a|-b", Render(TextDiff.Compare("a\nb", "")));
    }

    [Fact]
    public void Compare_ShowsTheWholeMiddleRemovedAndAdded_WhenItIsTooLargeToAlign()
    {
        var old = string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"alt {i}"));
        var current = string.Join("\n", Enumerable.Range(0, 2500).Select(i => $"neu {i}"));

        var lines = TextDiff.Compare("kopf\n" + old + "\nfuss", "kopf\n" + current + "\nfuss");

        Assert.Equal(5002, lines.Count);
        Assert.Equal(TextLineKind.Same, lines[0].Kind);
        Assert.All(lines.Skip(1).Take(2500), l => Assert.Equal(TextLineKind.Removed, l.Kind));
        Assert.All(lines.Skip(2501).Take(2500), l => Assert.Equal(TextLineKind.Added, l.Kind));
        Assert.Equal("fuss", lines[^1].Text);
    }
}
