using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Engine;

/// <summary>Base of the exceptions the engine throws for expected failures of an API call.</summary>
public class ProcessEngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessEngineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ProcessEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProcessEngineException()
    {
    }
}

/// <summary>The named object (definition, instance, task) does not exist in the current tenant.</summary>
public sealed class EngineObjectNotFoundException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public EngineObjectNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EngineObjectNotFoundException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public EngineObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Another command changed the same instance (or task, or job) after this command read it. Nothing of this
/// command was saved; the caller may reload and try again.
/// </summary>
public sealed class ConcurrentModificationException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public ConcurrentModificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrentModificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrentModificationException()
    {
    }
}

/// <summary>The call is not allowed in the current state (a claimed task claimed by another user, a completed task, ...).</summary>
public sealed class InvalidEngineStateException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public InvalidEngineStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidEngineStateException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public InvalidEngineStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A deployment was refused as a whole: a file does not parse or does not validate. Nothing was deployed.</summary>
public sealed class DeploymentFailedException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public DeploymentFailedException(string message, IReadOnlyList<DeploymentProblem> problems)
        : base(message) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public DeploymentFailedException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeploymentFailedException()
        : this("The deployment was refused.", [])
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public DeploymentFailedException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>The problems, per resource.</summary>
    public IReadOnlyList<DeploymentProblem> Problems { get; }
}

/// <summary>One problem of a deployment.</summary>
/// <param name="Resource">The resource (file) name.</param>
/// <param name="Problem">The validation problem.</param>
public sealed record DeploymentProblem(string Resource, BpmnProblem Problem);

/// <summary>
/// The call ran into a problem at run time (a FEEL error, no outgoing flow, a loop without wait state, ...).
/// The changes of the call were rolled back to the last wait state and an incident was recorded.
/// </summary>
public sealed class ProcessIncidentException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public ProcessIncidentException(IncidentInfo incident)
        : base($"Incident at '{incident?.ElementId}': {incident?.Message}") => Incident = incident!;

    /// <summary>Creates the exception.</summary>
    public ProcessIncidentException()
        : base("Incident.") => Incident = null!;

    /// <summary>Creates the exception.</summary>
    public ProcessIncidentException(string message)
        : base(message) => Incident = null!;

    /// <summary>Creates the exception with a cause.</summary>
    public ProcessIncidentException(string message, Exception innerException)
        : base(message, innerException) => Incident = null!;

    /// <summary>The recorded incident.</summary>
    public IncidentInfo Incident { get; }
}

/// <summary>
/// A process variable was refused and nothing was changed: too large (<see cref="ProcessEngineOptions.MaxVariableBytes"/>,
/// <see cref="ProcessEngineOptions.MaxInstanceVariableBytes"/>), or a value that cannot be stored exactly.
/// </summary>
public sealed class InvalidVariableException : ProcessEngineException
{
    /// <summary>The code of a variable that is too large.</summary>
    public const string TooLarge = "engine.variable-too-large";

    /// <summary>The code of a value that cannot be stored exactly (a broken character, a number out of range).</summary>
    public const string Invalid = "engine.variable-invalid";

    /// <summary>Creates the exception with its stable code and a German message.</summary>
    public InvalidVariableException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public InvalidVariableException()
        : this(Invalid, "Die Variable ist ungültig.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidVariableException(string message)
        : this(Invalid, message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public InvalidVariableException(string message, Exception innerException)
        : this(Invalid, message, innerException)
    {
    }

    /// <summary>Creates the exception with its stable code, a German message and a cause.</summary>
    public InvalidVariableException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>The stable code, <see cref="TooLarge"/> or <see cref="Invalid"/>.</summary>
    public string Code { get; }
}

/// <summary>The caller may not work this user task (not the assignee, not a candidate); nothing changed.</summary>
public sealed class TaskAccessDeniedException : ProcessEngineException
{
    /// <summary>Creates the exception with a German message for the caller.</summary>
    public TaskAccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskAccessDeniedException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public TaskAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
