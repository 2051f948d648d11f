using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// Who may do what on the Prozesse pages (issue 13.1): Prozessgestaltung and Administration repair (retry, resolve,
/// cancel), Leitung only reads; the variables are shown to Prozessgestaltung and Leitung, as the issue names them.
/// </summary>
public static class ProcessPages
{
    /// <summary>The roles that see the pages, for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string ReadingRoles = Roles.Leitung + "," + Roles.Prozessgestaltung + "," + Roles.Administration;

    /// <summary>The roles that model and deploy processes (issue 13.2), for <c>[Authorize(Roles = ...)]</c>; Leitung only reads.</summary>
    public const string DesigningRoles = Roles.Prozessgestaltung + "," + Roles.Administration;

    /// <summary>True when the user sees the Prozesse pages at all.</summary>
    public static bool MayRead(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Leitung) || user.IsInRole(Roles.Prozessgestaltung) || user.IsInRole(Roles.Administration);

    /// <summary>True when the user may model, deploy, run scenarios, retry, resolve and cancel; Leitung alone only reads.</summary>
    public static bool MayDesign(ClaimsPrincipal user) => user.IsInRole(Roles.Prozessgestaltung) || user.IsInRole(Roles.Administration);

    /// <summary>True when the user sees an instance's variables (issue 13.1: Prozessgestaltung and Leitung).</summary>
    public static bool MaySeeVariables(ClaimsPrincipal user) => user.IsInRole(Roles.Prozessgestaltung) || user.IsInRole(Roles.Leitung);

    /// <summary>The TempData key of what a post did (German), shown once after the redirect.</summary>
    public const string NoticeKey = "ProcessNotice";

    /// <summary>The TempData key of why a post changed nothing (German), shown once after the redirect.</summary>
    public const string ProblemKey = "ProcessProblem";

    /// <summary>
    /// True when a retry, resolve or cancel was refused and nothing changed, with the German sentence in
    /// <paramref name="message"/>: a retry that fails again keeps the incident (with the new message); the rest as on
    /// every page (<see cref="Refusals"/>).
    /// </summary>
    public static bool IsRefusal(Exception error, [NotNullWhen(true)] out string? message)
    {
        if (error is ProcessIncidentException)
        {
            message = "Der Schritt ist erneut fehlgeschlagen; die Störung bleibt mit der neuen Meldung bestehen.";
            return true;
        }

        return Refusals.TryDescribe(error, out message);
    }

    /// <summary>The German name of an incident's step: its name in the model, else a word for its kind (<see cref="VorgangTimeline.StepName(IStringLocalizer{Ui}, string?, string?)"/>).</summary>
    public static string StepName(IStringLocalizer<Ui> text, IncidentInfo incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return VorgangTimeline.StepName(text, incident.ElementName, incident.ElementType);
    }
}

/// <summary>The deployed processes of the municipality, read once per request: names and versions by id.</summary>
public sealed class ProcessCatalog
{
    private readonly Dictionary<Guid, ProcessDefinitionInfo> _definitions;
    private readonly Dictionary<string, string> _names;

    /// <summary>A catalog of <paramref name="definitions"/>.</summary>
    public ProcessCatalog(IReadOnlyList<ProcessDefinitionInfo> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = definitions.ToDictionary(d => d.Id);
        _names = definitions.GroupBy(d => d.ProcessId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Named(g) is { } named ? Antraege.Start.IndexModel.NameOf(named) : g.Key, StringComparer.Ordinal);
        Processes = [.. definitions.GroupBy(d => d.ProcessId, StringComparer.Ordinal)
            .Select(g => new DeployedProcess(g.Key, _names[g.Key], [.. g.OrderByDescending(d => d.Version)]))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Reads the catalog from the engine.</summary>
    public static async Task<ProcessCatalog> LoadAsync(IProcessEngine engine, CancellationToken cancellationToken) =>
        new(await engine.ListProcessDefinitionsAsync(cancellationToken));

    /// <summary>Every process with its versions, by name.</summary>
    public IReadOnlyList<DeployedProcess> Processes { get; }

    /// <summary>The name of a process (its newest version that has one), the process id only when no version has a name.</summary>
    public string NameOf(string processId) => _names.GetValueOrDefault(processId) ?? processId;

    /// <summary>A deployed version, or null.</summary>
    public ProcessDefinitionInfo? Definition(Guid definitionId) => _definitions.GetValueOrDefault(definitionId);

    private static ProcessDefinitionInfo? Named(IEnumerable<ProcessDefinitionInfo> versions) =>
        versions.Where(d => !string.IsNullOrWhiteSpace(d.Name)).MaxBy(d => d.Version);
}

/// <summary>One deployed process with its versions, newest first.</summary>
public sealed record DeployedProcess(string ProcessId, string Name, IReadOnlyList<ProcessDefinitionInfo> Versions);

/// <summary>The tabs of the Prozesse pages.</summary>
public enum ProcessTab
{
    /// <summary><c>/prozesse</c>.</summary>
    Prozesse,

    /// <summary><c>/prozesse/instanzen</c>.</summary>
    Instanzen,

    /// <summary><c>/prozesse/stoerungen</c>.</summary>
    Stoerungen,

    /// <summary><c>/prozesse/formulare</c>.</summary>
    Formulare,

    /// <summary><c>/prozesse/freigaben</c>.</summary>
    Freigaben,

    /// <summary><c>/prozesse/entscheidungen</c>.</summary>
    Entscheidungen,
}
