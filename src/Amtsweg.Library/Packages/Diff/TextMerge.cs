namespace Amtsweg.Library.Packages.Diff;

/// <summary>A place where both sides changed the same lines of a text differently.</summary>
/// <param name="BaseLine">The first line of the place in the common version (1-based).</param>
/// <param name="Base">The lines there in the common version.</param>
/// <param name="Local">The lines there in the municipality's version.</param>
/// <param name="Upstream">The lines there in the new upstream version.</param>
public sealed record TextConflict(int BaseLine, IReadOnlyList<string> Base, IReadOnlyList<string> Local, IReadOnlyList<string> Upstream);

/// <summary>The result of <see cref="TextMerge.Merge"/>.</summary>
/// <param name="Text">The merged text, or null when there is a conflict.</param>
/// <param name="Conflicts">The places both sides changed differently.</param>
public sealed record TextMergeResult(string? Text, IReadOnlyList<TextConflict> Conflicts)
{
    /// <summary>True when the text merged without conflict.</summary>
    public bool IsClean => Conflicts.Count == 0;
}

/// <summary>
/// A line-based three-way merge (diff3): the changes of each side against the common version are hunks of base lines
/// replaced by other lines. Hunks of one side only are applied; hunks of both sides that overlap or touch form one place,
/// taken when both sides made it the same and a conflict otherwise. Touching hunks conflict as in git: two insertions at
/// the same line have no order that could be chosen for the user.
/// </summary>
public static class TextMerge
{
    /// <summary>Merges <paramref name="local"/> and <paramref name="upstream"/>, both changed from <paramref name="common"/>.</summary>
    public static TextMergeResult Merge(string common, string local, string upstream)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(upstream);
        var baseLines = TextDiff.Lines(common);
        var localLines = TextDiff.Lines(local);
        var upstreamLines = TextDiff.Lines(upstream);
        var hunks = Hunks(baseLines, localLines, Side.Local).Concat(Hunks(baseLines, upstreamLines, Side.Upstream))
            .OrderBy(h => h.Start).ThenBy(h => h.End).ToList();

        var merged = new List<string>();
        var conflicts = new List<TextConflict>();
        var position = 0;
        var index = 0;
        while (index < hunks.Count)
        {
            // One place: every hunk that overlaps or touches the ones before it.
            var group = new List<Hunk> { hunks[index] };
            var start = hunks[index].Start;
            var end = hunks[index].End;
            index++;
            while (index < hunks.Count && hunks[index].Start <= end)
            {
                group.Add(hunks[index]);
                end = Math.Max(end, hunks[index].End);
                index++;
            }

            merged.AddRange(baseLines[position..start]);
            position = end;
            var fromLocal = Apply(baseLines, start, end, group.Where(h => h.Side == Side.Local));
            var fromUpstream = Apply(baseLines, start, end, group.Where(h => h.Side == Side.Upstream));
            if (group.All(h => h.Side == Side.Local))
            {
                merged.AddRange(fromLocal);
            }
            else if (group.All(h => h.Side == Side.Upstream) || fromLocal.SequenceEqual(fromUpstream, StringComparer.Ordinal))
            {
                merged.AddRange(fromUpstream);
            }
            else
            {
                conflicts.Add(new TextConflict(start + 1, baseLines[start..end], fromLocal, fromUpstream));
            }
        }

        merged.AddRange(baseLines[position..]);
        if (conflicts.Count > 0)
        {
            return new TextMergeResult(null, conflicts);
        }

        var text = string.Join('\n', merged);
        return new TextMergeResult(merged.Count > 0 && EndsWithLineBreak(upstream) ? text + "\n" : text, conflicts);
    }

    private enum Side
    {
        Local,
        Upstream,
    }

    /// <summary>Base lines [Start, End) replaced by <see cref="Lines"/> on one side.</summary>
    private sealed record Hunk(Side Side, int Start, int End, IReadOnlyList<string> Lines);

    private static List<Hunk> Hunks(string[] common, string[] changed, Side side)
    {
        var hunks = new List<Hunk>();
        var script = TextDiff.Script(common, changed);
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == TextLineKind.Same)
            {
                i++;
                continue;
            }

            var start = script[i].Old;
            var end = start;
            var lines = new List<string>();
            while (i < script.Count && script[i].Kind != TextLineKind.Same)
            {
                if (script[i].Kind == TextLineKind.Removed)
                {
                    end = script[i].Old + 1;
                }
                else
                {
                    lines.Add(changed[script[i].New]);
                }

                i++;
            }

            hunks.Add(new Hunk(side, start, end, lines));
        }

        return hunks;
    }

    /// <summary>The base lines [start, end) with one side's hunks in that range applied.</summary>
    private static List<string> Apply(string[] common, int start, int end, IEnumerable<Hunk> hunks)
    {
        var result = new List<string>();
        var position = start;
        foreach (var hunk in hunks.OrderBy(h => h.Start))
        {
            result.AddRange(common[position..hunk.Start]);
            result.AddRange(hunk.Lines);
            position = hunk.End;
        }

        result.AddRange(common[position..end]);
        return result;
    }

    private static bool EndsWithLineBreak(string text) => text.EndsWith('\n') || text.EndsWith('\r');
}
