namespace Amtsweg.Server.Features.Processes.Changes;

/// <summary>How a line of a text diff relates to the two versions.</summary>
public enum LineChangeKind
{
    /// <summary>In both versions.</summary>
    Same,

    /// <summary>Only in the old version.</summary>
    Removed,

    /// <summary>Only in the new version.</summary>
    Added,
}

/// <summary>One line of a text diff.</summary>
public sealed record DiffLine(LineChangeKind Kind, string Text);

/// <summary>
/// A line-based diff of two texts (forms and decisions deployed with a process): the longest common subsequence of the
/// lines between an equal head and tail. A middle part too large for the quadratic table is shown as removed and added as
/// a whole rather than refused: a reviewer still sees every line, only less finely aligned.
/// </summary>
public static class LineDiff
{
    /// <summary>The most cells of the table (lines × lines) computed; 4 million ints are 16 MB.</summary>
    public const long MaxCells = 4_000_000;

    /// <summary>The lines of <paramref name="after"/> and <paramref name="before"/> in order, each marked same, removed or added.</summary>
    public static IReadOnlyList<DiffLine> Compare(string? before, string? after)
    {
        var old = Lines(before);
        var current = Lines(after);
        var head = 0;
        while (head < old.Length && head < current.Length && old[head] == current[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < old.Length - head && tail < current.Length - head && old[^(tail + 1)] == current[^(tail + 1)])
        {
            tail++;
        }

        var result = new List<DiffLine>(old.Length + current.Length);
        result.AddRange(old[..head].Select(l => new DiffLine(LineChangeKind.Same, l)));
        Middle(old[head..^tail], current[head..^tail], result);
        result.AddRange(old[(old.Length - tail)..].Select(l => new DiffLine(LineChangeKind.Same, l)));
        return result;
    }

    /// <summary>True when the diff has at least one added or removed line.</summary>
    public static bool HasChanges(IReadOnlyList<DiffLine> lines) => lines.Any(l => l.Kind != LineChangeKind.Same);

    private static void Middle(string[] old, string[] current, List<DiffLine> result)
    {
        if ((long)old.Length * current.Length > MaxCells)
        {
            result.AddRange(old.Select(l => new DiffLine(LineChangeKind.Removed, l)));
            result.AddRange(current.Select(l => new DiffLine(LineChangeKind.Added, l)));
            return;
        }

        // lengths[i, j]: the longest common subsequence of old[i..] and current[j..].
        var lengths = new int[old.Length + 1, current.Length + 1];
        for (var i = old.Length - 1; i >= 0; i--)
        {
            for (var j = current.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = old[i] == current[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < old.Length && y < current.Length)
        {
            if (old[x] == current[y])
            {
                result.Add(new DiffLine(LineChangeKind.Same, old[x]));
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                result.Add(new DiffLine(LineChangeKind.Removed, old[x++]));
            }
            else
            {
                result.Add(new DiffLine(LineChangeKind.Added, current[y++]));
            }
        }

        result.AddRange(old[x..].Select(l => new DiffLine(LineChangeKind.Removed, l)));
        result.AddRange(current[y..].Select(l => new DiffLine(LineChangeKind.Added, l)));
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
