namespace Amtsweg.Library.Packages.Diff;

/// <summary>How a line of a text diff relates to the two versions.</summary>
public enum TextLineKind
{
    /// <summary>In both versions.</summary>
    Same,

    /// <summary>Only in the old version.</summary>
    Removed,

    /// <summary>Only in the new version.</summary>
    Added,
}

/// <summary>One line of a text diff.</summary>
/// <param name="Kind">Same, removed or added.</param>
/// <param name="Text">The line without its line break.</param>
/// <param name="OldLine">Its 1-based line number in the old version, or null for an added line.</param>
/// <param name="NewLine">Its 1-based line number in the new version, or null for a removed line.</param>
public sealed record TextLine(TextLineKind Kind, string Text, int? OldLine, int? NewLine);

/// <summary>
/// A part of a text diff as in a unified diff: changed lines with up to <see cref="TextDiff.Context"/> unchanged lines
/// around them; hunks closer than twice that share their context.
/// </summary>
/// <param name="OldStart">The first old line of the hunk (1-based; the line before it for a hunk that removes nothing from an empty text).</param>
/// <param name="OldCount">How many old lines the hunk covers.</param>
/// <param name="NewStart">The first new line of the hunk (1-based).</param>
/// <param name="NewCount">How many new lines the hunk covers.</param>
/// <param name="Lines">The lines, unchanged context included.</param>
public sealed record TextHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<TextLine> Lines)
{
    /// <summary>The unified diff header <c>@@ -a,b +c,d @@</c>.</summary>
    public string Header => $"@@ -{OldStart},{OldCount} +{NewStart},{NewCount} @@";

    /// <summary>How many lines the hunk adds.</summary>
    public int Added => Lines.Count(l => l.Kind == TextLineKind.Added);

    /// <summary>How many lines the hunk removes.</summary>
    public int Removed => Lines.Count(l => l.Kind == TextLineKind.Removed);
}

/// <summary>
/// A line diff by Myers' algorithm (the shortest edit script, as <c>diff</c> and git compute it) after the equal head and
/// tail are cut off. When the texts differ in more than <see cref="MaxEdits"/> lines the middle is given as removed and
/// added as a whole: every line is still shown, the search stays within linear memory per step.
/// </summary>
public static class TextDiff
{
    /// <summary>Unchanged lines shown around a change.</summary>
    public const int Context = 3;

    /// <summary>The most differing lines the shortest edit script is searched for.</summary>
    public const int MaxEdits = 2000;

    /// <summary>A text's lines without line breaks (CR LF and CR read as LF); an empty text has none, a final line break adds none.</summary>
    public static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts in order, each same, removed or added.</summary>
    public static IReadOnlyList<TextLine> Compare(string? before, string? after) => Compare(Lines(before), Lines(after));

    /// <summary>Every line of both versions in order, each same, removed or added.</summary>
    public static IReadOnlyList<TextLine> Compare(IReadOnlyList<string> old, IReadOnlyList<string> current)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(current);
        var result = new List<TextLine>(old.Count + current.Count);
        foreach (var (kind, oldIndex, newIndex) in Script(old, current))
        {
            result.Add(kind switch
            {
                TextLineKind.Same => new TextLine(kind, old[oldIndex], oldIndex + 1, newIndex + 1),
                TextLineKind.Removed => new TextLine(kind, old[oldIndex], oldIndex + 1, null),
                TextLineKind.Added => new TextLine(kind, current[newIndex], null, newIndex + 1),
                _ => throw new InvalidOperationException($"Unknown line kind {kind}."),
            });
        }

        return result;
    }

    /// <summary>True when the diff has at least one added or removed line.</summary>
    public static bool HasChanges(IReadOnlyList<TextLine> lines) => lines.Any(l => l.Kind != TextLineKind.Same);

    /// <summary>The hunks of a diff (<see cref="Compare(string?, string?)"/>); none when the texts have the same lines.</summary>
    public static IReadOnlyList<TextHunk> Hunks(IReadOnlyList<TextLine> lines, int context = Context)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var hunks = new List<TextHunk>();
        var index = 0;
        while (index < lines.Count)
        {
            if (lines[index].Kind == TextLineKind.Same)
            {
                index++;
                continue;
            }

            var start = Math.Max(0, index - context);
            var end = index;

            // Extend while the next change is within twice the context of the last one.
            while (true)
            {
                while (end < lines.Count && lines[end].Kind != TextLineKind.Same)
                {
                    end++;
                }

                var next = end;
                while (next < lines.Count && lines[next].Kind == TextLineKind.Same && next - end < 2 * context)
                {
                    next++;
                }

                if (next < lines.Count && lines[next].Kind != TextLineKind.Same)
                {
                    end = next;
                    continue;
                }

                break;
            }

            var stop = Math.Min(lines.Count, end + context);
            var part = lines.Skip(start).Take(stop - start).ToList();
            var oldCount = part.Count(l => l.Kind != TextLineKind.Added);
            var newCount = part.Count(l => l.Kind != TextLineKind.Removed);
            hunks.Add(new TextHunk(StartOf(lines, start, l => l.OldLine), oldCount, StartOf(lines, start, l => l.NewLine), newCount, part));
            index = stop;
        }

        return hunks;
    }

    /// <summary>
    /// The edit script as (kind, old index, new index), 0-based; the index of the side a line is not in is the position
    /// it would have there.
    /// </summary>
    internal static List<(TextLineKind Kind, int Old, int New)> Script(IReadOnlyList<string> old, IReadOnlyList<string> current)
    {
        var head = 0;
        while (head < old.Count && head < current.Count && string.Equals(old[head], current[head], StringComparison.Ordinal))
        {
            head++;
        }

        var tail = 0;
        while (tail < old.Count - head && tail < current.Count - head
               && string.Equals(old[old.Count - 1 - tail], current[current.Count - 1 - tail], StringComparison.Ordinal))
        {
            tail++;
        }

        var script = new List<(TextLineKind, int, int)>(old.Count + current.Count);
        for (var i = 0; i < head; i++)
        {
            script.Add((TextLineKind.Same, i, i));
        }

        Middle(old, current, head, old.Count - tail, head, current.Count - tail, script);
        for (var i = 0; i < tail; i++)
        {
            script.Add((TextLineKind.Same, old.Count - tail + i, current.Count - tail + i));
        }

        return script;
    }

    private static void Middle(IReadOnlyList<string> a, IReadOnlyList<string> b, int aStart, int aEnd, int bStart, int bEnd, List<(TextLineKind, int, int)> script)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        if (n == 0 || m == 0)
        {
            AddWhole(aStart, aEnd, bStart, bEnd, script);
            return;
        }

        // Myers: v[k] is the furthest x reached on diagonal k = x - y. Before each edit count d the diagonals -d-1..d+1
        // are kept to trace back: about MaxEdits² ints at most (16 MB), not a whole copy of v per step.
        var max = Math.Min(n + m, MaxEdits);
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            trace.Add(v[(offset - d - 1)..(offset + d + 2)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && string.Equals(a[aStart + x], b[bStart + y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            AddWhole(aStart, aEnd, bStart, bEnd, script);
            return;
        }

        // Trace back from (n, m) to (0, 0), collecting the steps in reverse.
        var steps = new List<(TextLineKind, int, int)>();
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d];
            var shift = d + 1;
            var k = cx - cy;
            var down = k == -d || (k != d && previous[shift + k - 1] < previous[shift + k + 1]);
            var pk = down ? k + 1 : k - 1;
            var px = previous[shift + pk];
            var py = px - pk;
            while (cx > px + (down ? 0 : 1) && cy > py + (down ? 1 : 0))
            {
                cx--;
                cy--;
                steps.Add((TextLineKind.Same, aStart + cx, bStart + cy));
            }

            if (down)
            {
                cy--;
                steps.Add((TextLineKind.Added, aStart + cx, bStart + cy));
            }
            else
            {
                cx--;
                steps.Add((TextLineKind.Removed, aStart + cx, bStart + cy));
            }
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            steps.Add((TextLineKind.Same, aStart + cx, bStart + cy));
        }

        steps.Reverse();
        script.AddRange(steps);
    }

    private static void AddWhole(int aStart, int aEnd, int bStart, int bEnd, List<(TextLineKind, int, int)> script)
    {
        for (var i = aStart; i < aEnd; i++)
        {
            script.Add((TextLineKind.Removed, i, bStart));
        }

        for (var j = bStart; j < bEnd; j++)
        {
            script.Add((TextLineKind.Added, aEnd, j));
        }
    }

    private static int StartOf(IReadOnlyList<TextLine> lines, int start, Func<TextLine, int?> number)
    {
        for (var i = start; i < lines.Count; i++)
        {
            if (number(lines[i]) is { } line)
            {
                return line;
            }
        }

        // Nothing of that side in or after the hunk: it begins after the side's last line.
        for (var i = start - 1; i >= 0; i--)
        {
            if (number(lines[i]) is { } line)
            {
                return line + 1;
            }
        }

        return 0;
    }
}
