using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;

namespace Amtsweg.Server.Features.Aktenplan;

/// <summary>
/// The Aktenplan as the position pickers show it: a <c>select</c> with one <c>optgroup</c> per top-level position. A plan
/// of a few hundred positions stays one control that the keyboard and screen readers know (type the code to jump),
/// without JavaScript.
/// </summary>
public static class PositionChoices
{
    /// <summary>Groups <paramref name="positions"/> by their top-level position (which is listed first in its group), in code order.</summary>
    public static IReadOnlyList<SelectGroup> Group(IReadOnlyList<PositionResponse> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var byId = positions.ToDictionary(p => p.Id);
        return [.. positions
            .GroupBy(p => Root(p, byId))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new SelectGroup($"{g.Key.Code} {g.Key.Title}", [.. g.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => (p.Id, $"{p.Code} {p.Title}"))]))];
    }

    private static PositionResponse Root(PositionResponse position, Dictionary<Guid, PositionResponse> byId)
    {
        var current = position;

        // The depth bound guards against a parent cycle in bad data: the picker must still render.
        for (var depth = 0; depth < byId.Count && current.ParentId is { } parent && byId.TryGetValue(parent, out var next); depth++)
        {
            current = next;
        }

        return current;
    }
}
