using Amtsweg.Engine;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Antraege.Start;

/// <summary>
/// "Antrag aufnehmen", first step (issue 12.4): the municipality's deployed processes, the latest version of each, by
/// name; each leads to its start form. Whoever may start processes over the API (case work) may start them here.
/// With <c>?vorgang=</c> (the Vorgang page's "Prozess für diesen Vorgang starten", issue 12.3) the process starts in
/// that Vorgang instead of a new one; a closed Vorgang is refused, another municipality's is not found.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(IProcessEngine engine, RecordsReader reader) : PageModel
{
    /// <summary>A process to choose: its latest version, its name, and whether it asks for a start form.</summary>
    public sealed record Choice(Guid DefinitionId, string Name, bool HasStartForm);

    public IReadOnlyList<Choice> Processes { get; private set; } = [];

    /// <summary>The Vorgang the process is started in (<c>?vorgang=</c>), or null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "vorgang")]
    public Guid? VorgangId { get; set; }

    /// <summary>That Vorgang, read.</summary>
    public VorgangSummary? Vorgang { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (VorgangId is { } vorgangId)
        {
            if (await reader.VorgangAsync(vorgangId, cancellationToken) is not { } vorgang)
            {
                return NotFound();
            }

            Vorgang = vorgang.Vorgang;
            if (!IsOpen(Vorgang))
            {
                // Nothing to choose: the page says why and leads back.
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
        }

        Processes = await ChoicesAsync(engine, cancellationToken);
        return Page();
    }

    /// <summary>The latest version of each deployed process, by name.</summary>
    public static async Task<IReadOnlyList<Choice>> ChoicesAsync(IProcessEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var latest = (await engine.ListProcessDefinitionsAsync(cancellationToken))
            .GroupBy(d => d.ProcessId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version)!);
        var processes = new List<Choice>();
        foreach (var definition in latest)
        {
            bool hasForm;
            try
            {
                hasForm = await engine.GetStartFormAsync(definition.Id, cancellationToken) is not null;
            }
            catch (EngineObjectNotFoundException)
            {
                // A linked form that is not deployed: the form page says which one is missing.
                hasForm = true;
            }

            processes.Add(new Choice(definition.Id, NameOf(definition), hasForm));
        }

        return [.. processes.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Whether a process may start in <paramref name="vorgang"/>: only while it is open (not zdA, not disposed of).</summary>
    public static bool IsOpen(VorgangSummary vorgang)
    {
        ArgumentNullException.ThrowIfNull(vorgang);
        return vorgang.State == nameof(Amtsweg.Records.Model.RecordState.Open);
    }

    /// <summary>The name a clerk knows a process by; the BPMN id only for a process that has no name.</summary>
    public static string NameOf(ProcessDefinitionInfo definition) =>
        string.IsNullOrWhiteSpace(definition.Name) ? definition.ProcessId : definition.Name.Trim();
}
