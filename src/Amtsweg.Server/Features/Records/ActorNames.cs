using System.Text.RegularExpressions;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Records;

/// <summary>
/// Turns the actor strings the modules record (a login name, <c>Prozess &lt;instance id&gt;</c> or
/// <c>process:&lt;instance id&gt;</c> for what a process filed, <c>system</c>) into what a clerk reads: the person's
/// display name, the process's name, or "System" — never an id or a login name.
/// </summary>
public sealed partial class ActorNames(PlatformDbContext platform, IProcessEngine engine, RecordsReader reader, IStringLocalizer<Ui> text)
{
    /// <summary>Looks up every actor once; <paramref name="knownProcesses"/> (instance id → process id) saves engine calls.</summary>
    public async Task<ActorDirectory> LoadAsync(IEnumerable<string?> actors, IReadOnlyDictionary<Guid, string> knownProcesses, CancellationToken cancellationToken)
    {
        var distinct = actors.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var instanceIds = distinct.Select(ProcessInstanceOf).OfType<Guid>().ToList();
        var logins = distinct.Where(a => ProcessInstanceOf(a) is null && !IsSystem(a)).ToList();

        // Login names are unique per platform; the query filter keeps the lookup inside the tenant.
        var people = logins.Count == 0
            ? []
            : await platform.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
                .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        var displayNames = people.Where(p => !string.IsNullOrWhiteSpace(p.DisplayName))
            .ToDictionary(p => p.UserName!, p => p.DisplayName, StringComparer.Ordinal);

        var processNames = new Dictionary<Guid, string?>();
        if (instanceIds.Count > 0)
        {
            var definitions = await reader.ProcessNamesAsync(cancellationToken);
            foreach (var id in instanceIds)
            {
                var processId = knownProcesses.GetValueOrDefault(id) ?? await ProcessIdOfAsync(id, cancellationToken);
                processNames[id] = processId is null ? null : definitions.GetValueOrDefault(processId);
            }
        }

        return new ActorDirectory(text, displayNames, processNames);
    }

    /// <summary>The process instance an actor string names, or null for a person or the system.</summary>
    internal static Guid? ProcessInstanceOf(string actor)
    {
        var match = ProcessActor().Match(actor);
        return match.Success && Guid.TryParse(match.Groups[1].Value, out var id) ? id : null;
    }

    internal static bool IsSystem(string actor) => string.Equals(actor, "system", StringComparison.OrdinalIgnoreCase);

    private async Task<string?> ProcessIdOfAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return (await engine.GetProcessInstanceAsync(instanceId, cancellationToken)).ProcessId;
        }
        catch (EngineObjectNotFoundException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?:Prozess |process:)([0-9a-fA-F-]{36})$")]
    private static partial Regex ProcessActor();
}

/// <summary>The looked-up actors of one page.</summary>
public sealed class ActorDirectory
{
    private readonly IStringLocalizer<Ui> _text;
    private readonly IReadOnlyDictionary<string, string> _displayNames;
    private readonly IReadOnlyDictionary<Guid, string?> _processNames;

    internal ActorDirectory(IStringLocalizer<Ui> text, IReadOnlyDictionary<string, string> displayNames, IReadOnlyDictionary<Guid, string?> processNames)
    {
        _text = text;
        _displayNames = displayNames;
        _processNames = processNames;
    }

    /// <summary>Who, as a noun (a table cell): "Erika Muster", "Prozess „Antrag bescheiden“", "System"; empty for nobody.</summary>
    public string Name(string? actor)
    {
        if (actor is null)
        {
            return "";
        }

        if (ActorNames.IsSystem(actor))
        {
            return _text["Actor.System"];
        }

        if (ActorNames.ProcessInstanceOf(actor) is { } instance)
        {
            return _processNames.GetValueOrDefault(instance) is { } name ? _text["Actor.Process", name] : _text["Actor.UnnamedProcess"];
        }

        // A person unknown here (deleted, or from another system) keeps the name that was recorded.
        return _displayNames.GetValueOrDefault(actor) ?? actor;
    }

    /// <summary>Who, after a verb: "von Erika Muster", "vom Prozess „Antrag bescheiden“", "vom System".</summary>
    public string By(string actor)
    {
        if (ActorNames.IsSystem(actor))
        {
            return _text["Actor.BySystem"];
        }

        if (ActorNames.ProcessInstanceOf(actor) is { } instance)
        {
            return _processNames.GetValueOrDefault(instance) is { } name ? _text["Actor.ByProcess", name] : _text["Actor.ByUnnamedProcess"];
        }

        return _text["Actor.ByPerson", _displayNames.GetValueOrDefault(actor) ?? actor];
    }
}
