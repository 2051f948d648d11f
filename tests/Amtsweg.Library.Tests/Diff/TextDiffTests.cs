using Amtsweg.Library.Packages.Diff;

namespace Amtsweg.Library.Tests.Diff;

/// <summary>The line diff: the shortest edit script, unified-diff hunks with context, the three-way merge of lines.</summary>
public sealed class TextDiffTests
{
    [Fact]
    public void Compare_FindsShortestEditScript_WhenLinesMoveAndChange()
    {
        // Myers' paper example: ABCABBA → CBABAC needs 5 edits (2 kept lines fewer would be more).
        var lines = TextDiff.Compare(string.Join('\n', "ABCABBA".Select(c => c.ToString())), string.Join('\n', "CBABAC".Select(c => c.ToString())));

        Assert.Equal(5, lines.Count(l => l.Kind != TextLineKind.Same));
        Assert.Equal(4, lines.Count(l => l.Kind == TextLineKind.Same));
        Assert.Equal("ABCABBA".Select(c => c.ToString()), lines.Where(l => l.Kind != TextLineKind.Added).Select(l => l.Text));
        Assert.Equal("CBABAC".Select(c => c.ToString()), lines.Where(l => l.Kind != TextLineKind.Removed).Select(l => l.Text));
    }

    [Fact]
    public void Hunks_HaveThreeLinesOfContextAndUnifiedHeaders_WhenChangesAreFarApart()
    {
        var old = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"Zeile {i}"));
        var current = old.Replace("Zeile 2\n", "Zeile 2 neu\n", StringComparison.Ordinal).Replace("Zeile 18", "Zeile 18\nZeile 18a", StringComparison.Ordinal);

        var hunks = TextDiff.Hunks(TextDiff.Compare(old, current));

        Assert.Equal(2, hunks.Count);
        Assert.Equal("@@ -1,5 +1,5 @@", hunks[0].Header);
        Assert.Equal(["Zeile 1", "Zeile 2", "Zeile 2 neu", "Zeile 3", "Zeile 4", "Zeile 5"], hunks[0].Lines.Select(l => l.Text));
        Assert.Equal("@@ -16,5 +16,6 @@", hunks[1].Header);
        Assert.Equal(1, hunks[1].Added);
        Assert.Equal(0, hunks[1].Removed);
    }

    [Fact]
    public void Hunks_ShareContext_WhenChangesAreCloserThanTwiceTheContext()
    {
        var old = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"Zeile {i}"));
        var current = old.Replace("Zeile 3", "drei", StringComparison.Ordinal).Replace("Zeile 8", "acht", StringComparison.Ordinal);

        var hunk = Assert.Single(TextDiff.Hunks(TextDiff.Compare(old, current)));

        Assert.Equal("@@ -1,11 +1,11 @@", hunk.Header);
    }

    [Fact]
    public void Hunks_AreEmpty_WhenOnlyLineEndingsDiffer()
    {
        Assert.Empty(TextDiff.Hunks(TextDiff.Compare("a\nb\n", "a\r\nb")));
    }

    [Fact]
    public void Compare_GivesEveryLine_WhenTheTextsDifferBeyondTheEditLimit()
    {
        var old = string.Join('\n', Enumerable.Range(0, TextDiff.MaxEdits + 10).Select(i => $"alt {i}"));
        var current = string.Join('\n', Enumerable.Range(0, TextDiff.MaxEdits + 10).Select(i => $"neu {i}"));

        var lines = TextDiff.Compare(old, current);

        Assert.Equal(2 * (TextDiff.MaxEdits + 10), lines.Count);
        Assert.All(lines, l => Assert.NotEqual(TextLineKind.Same, l.Kind));
    }

    [Fact]
    public void Merge_TakesBothSides_WhenTheyChangeDifferentLines()
    {
        var common = "a\nb\nc\nd\ne\nf\ng\n";
        var result = TextMerge.Merge(common, "a\nB\nc\nd\ne\nf\ng\n", "a\nb\nc\nd\ne\nF\ng\nh\n");

        Assert.True(result.IsClean);
        Assert.Equal("a\nB\nc\nd\ne\nF\ng\nh\n", result.Text);
    }

    [Fact]
    public void Merge_TakesTheChangeOnce_WhenBothSidesMadeTheSameChange()
    {
        var result = TextMerge.Merge("a\nb\nc\n", "a\nX\nc\n", "a\nX\nc\n");

        Assert.Equal("a\nX\nc\n", result.Text);
    }

    [Fact]
    public void Merge_ReportsConflictWithBothSides_WhenBothChangeTheSameLine()
    {
        var result = TextMerge.Merge("a\nb\nc\n", "a\nlokal\nc\n", "a\nneu\nc\n");

        Assert.Null(result.Text);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(2, conflict.BaseLine);
        Assert.Equal(["b"], conflict.Base);
        Assert.Equal(["lokal"], conflict.Local);
        Assert.Equal(["neu"], conflict.Upstream);
    }

    [Fact]
    public void Merge_ReportsConflict_WhenBothSidesInsertAtTheSamePlace()
    {
        var result = TextMerge.Merge("a\nb\n", "a\nx\nb\n", "a\ny\nb\n");

        Assert.False(result.IsClean);
        Assert.Equal(["x"], result.Conflicts[0].Local);
        Assert.Equal(["y"], result.Conflicts[0].Upstream);
    }
}
