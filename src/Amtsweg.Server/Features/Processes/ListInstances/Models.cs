using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Server.Features.Processes.ListInstances;

/// <summary>
/// The state filter of the instance list, shared by <c>GET /api/process-instances</c> and <c>amtsweg instances list</c>:
/// <c>Active</c> (running, with or without incident), <c>Completed</c>, <c>Canceled</c>, or <c>Incident</c> (running
/// with an open incident).
/// </summary>
public static class InstanceStateFilter
{
    /// <summary>The names a caller may give, as the API and the CLI list them.</summary>
    public const string Names = "Active, Completed, Canceled und Incident";

    /// <summary>
    /// Applies a state name (case-insensitive) to the query; the German refusal of an unknown name, or of <c>Incident</c>
    /// with <see cref="ProcessInstanceQuery.HasIncident"/> false, else null.
    /// </summary>
    public static string? Apply(string? state, ProcessInstanceQuery query, out ProcessInstanceQuery filtered)
    {
        ArgumentNullException.ThrowIfNull(query);
        filtered = query;
        if (state is null)
        {
            return null;
        }

        if (string.Equals(state, "Incident", StringComparison.OrdinalIgnoreCase))
        {
            if (query.HasIncident is false)
            {
                return "Der Zustand „Incident“ und „ohne Störung“ schließen sich aus.";
            }

            filtered = query with { State = ProcessInstanceState.Active, HasIncident = true };
            return null;
        }

        if (int.TryParse(state, out _) || !Enum.TryParse<ProcessInstanceState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            return $"Der Zustand „{state}“ ist unbekannt; erlaubt sind {Names}.";
        }

        filtered = query with { State = value };
        return null;
    }
}
