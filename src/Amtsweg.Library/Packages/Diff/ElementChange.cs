namespace Amtsweg.Library.Packages.Diff;

/// <summary>How something differs between two versions.</summary>
public enum DiffKind
{
    /// <summary>Only in the new version.</summary>
    Added,

    /// <summary>Only in the old version.</summary>
    Removed,

    /// <summary>In both, different.</summary>
    Changed,
}

/// <summary>An element of a model (BPMN element, DMN decision) that was added, removed or changed.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Id">The element's id (for markers on a diagram).</param>
/// <param name="Type">The XML name of its kind (<c>userTask</c>, <c>decision</c>).</param>
/// <param name="Name">Its name, or null.</param>
/// <param name="Text">A German sentence: what it is and what happened to it.</param>
/// <param name="Details">For a changed element, one German sentence per thing that changed.</param>
public sealed record ElementChange(DiffKind Kind, string Id, string Type, string? Name, string Text, IReadOnlyList<string> Details);
