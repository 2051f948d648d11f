using Amtsweg.Engine;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Antraege.Start;

/// <summary>
/// "Antrag aufnehmen", first step (issue 12.4): the municipality's deployed processes, the latest version of each, by
/// name; each leads to its start form. Whoever may start processes over the API (case work) may start them here.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(IProcessEngine engine) : PageModel
{
    /// <summary>A process to choose: its latest version, its name, and whether it asks for a start form.</summary>
    public sealed record Choice(Guid DefinitionId, string Name, bool HasStartForm);

    public IReadOnlyList<Choice> Processes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
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

        Processes = [.. processes.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The name a clerk knows a process by; the BPMN id only for a process that has no name.</summary>
    public static string NameOf(ProcessDefinitionInfo definition) =>
        string.IsNullOrWhiteSpace(definition.Name) ? definition.ProcessId : definition.Name.Trim();
}
