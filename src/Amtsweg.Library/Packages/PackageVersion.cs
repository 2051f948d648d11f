using System.Globalization;

namespace Amtsweg.Library.Packages;

/// <summary>Orders the semantic versions of packages (<c>MAJOR.MINOR.PATCH</c> with an optional <c>-pre</c> suffix, as the manifest reader accepts them).</summary>
public static class PackageVersion
{
    /// <summary>
    /// Less than zero when <paramref name="a"/> is older than <paramref name="b"/>, zero when equal, greater when newer.
    /// Numbers compare as numbers; a version with a suffix is older than the same one without (<c>1.1.0-entwurf</c> &lt;
    /// <c>1.1.0</c>); suffixes compare part by part, numeric parts as numbers and below text parts.
    /// </summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (coreA, preA) = Split(a);
        var (coreB, preB) = Split(b);
        for (var i = 0; i < 3; i++)
        {
            var order = Number(coreA, i).CompareTo(Number(coreB, i));
            if (order != 0)
            {
                return order;
            }
        }

        if (preA is null || preB is null)
        {
            return (preA is null ? 1 : 0) - (preB is null ? 1 : 0);
        }

        var partsA = preA.Split('.');
        var partsB = preB.Split('.');
        for (var i = 0; i < Math.Min(partsA.Length, partsB.Length); i++)
        {
            var numericA = long.TryParse(partsA[i], NumberStyles.None, CultureInfo.InvariantCulture, out var numberA);
            var numericB = long.TryParse(partsB[i], NumberStyles.None, CultureInfo.InvariantCulture, out var numberB);
            var order = (numericA, numericB) switch
            {
                (true, true) => numberA.CompareTo(numberB),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(partsA[i], partsB[i]),
            };
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return partsA.Length.CompareTo(partsB.Length);
    }

    private static (string[] Core, string? Pre) Split(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (version.Split('.'), null) : (version[..dash].Split('.'), version[(dash + 1)..]);
    }

    private static long Number(string[] core, int index) =>
        index < core.Length && long.TryParse(core[index], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
