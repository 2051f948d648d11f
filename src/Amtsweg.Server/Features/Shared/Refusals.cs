using System.Diagnostics.CodeAnalysis;
using Amtsweg.Engine;
using Amtsweg.Records;

namespace Amtsweg.Server.Features.Shared;

/// <summary>
/// The German sentence a page shows when the engine or the e-file refused what a user asked and nothing changed: a
/// task somebody else took, a state that does not allow it, a concurrent change, a stop at an incident. The REST API
/// answers the same refusals through <see cref="ApiProblems"/>, with these texts where they are not the exception's
/// own. Every other exception is a fault and reaches the error page.
/// </summary>
public static class Refusals
{
    /// <summary>Somebody changed the same instance, task or entry in the meantime.</summary>
    public const string ConcurrentChange = "Der Eintrag wurde gerade von jemand anderem geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.";

    /// <summary>The entry is gone (a task completed and removed, an instance deleted) or belongs to another municipality.</summary>
    public const string Gone = "Diesen Eintrag gibt es nicht mehr.";

    /// <summary>The German text of a command that stopped at an incident; the incident's message is German.</summary>
    public static string StoppedAtIncident(ProcessIncidentException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return "Der Prozess wurde durch eine Störung angehalten: " + error.Incident.Message;
    }

    /// <summary>
    /// True when <paramref name="error"/> is a refusal that changed nothing, with the German sentence for the user in
    /// <paramref name="message"/>. The engine's and the e-file's refusals carry German messages of their own; a stop at
    /// an incident and a concurrent change get the sentences above.
    /// </summary>
    public static bool TryDescribe(Exception error, [NotNullWhen(true)] out string? message)
    {
        message = error switch
        {
            TaskAccessDeniedException or InvalidEngineStateException or InvalidVariableException or RecordsException => error.Message,
            ConcurrentModificationException => ConcurrentChange,
            ProcessIncidentException incident => StoppedAtIncident(incident),
            EngineObjectNotFoundException => Gone,
            _ => null,
        };
        return message is not null;
    }
}
