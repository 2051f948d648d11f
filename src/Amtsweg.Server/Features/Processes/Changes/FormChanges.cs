using Amtsweg.Engine;
using Amtsweg.Library.Packages.Diff;

namespace Amtsweg.Server.Features.Processes.Changes;

/// <summary>
/// A form (form-js JSON) against the latest deployed version of its form id, line by line (issue 13.4): for the form
/// editor's „Änderungen zur laufenden Version“ and a form's deployment request. Both sides are indented the same way, so
/// that a changed field is one changed line.
/// </summary>
/// <param name="RunningVersion">The latest deployed version, or null when the form was never deployed.</param>
/// <param name="Lines">The lines of both, each same, removed or added.</param>
public sealed record FormChanges(int? RunningVersion, IReadOnlyList<TextLine> Lines)
{
    /// <summary>The partial view that shows it.</summary>
    public const string View = "/Features/Processes/Changes/_FormChanges.cshtml";

    /// <summary>True when a line was added or removed.</summary>
    public bool Any => Lines.Any(line => line.Kind != TextLineKind.Same);

    /// <summary>The changes of <paramref name="schema"/> against the latest deployed version of <paramref name="formId"/>.</summary>
    public static async Task<FormChanges> OfAsync(IProcessEngine engine, string formId, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var running = (await engine.ListFormDefinitionsAsync(cancellationToken))
            .Where(f => f.FormId == formId)
            .MaxBy(f => f.Version);
        var before = running is null ? null : ProcessChanges.Indented(await engine.GetFormDefinitionSchemaAsync(running.Id, cancellationToken));
        return new FormChanges(running?.Version, TextDiff.Compare(before, ProcessChanges.Indented(schema)));
    }
}
