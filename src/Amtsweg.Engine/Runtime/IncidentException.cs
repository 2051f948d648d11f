namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Raised inside a command when execution cannot go on at an element. The command executor rolls the command back
/// to the last wait state and records an incident; callers see <see cref="ProcessIncidentException"/>.
/// </summary>
internal sealed class IncidentException : Exception
{
    public IncidentException(string type, string elementId, string message, Guid? processInstanceId = null)
        : base(message)
    {
        Type = type;
        ElementId = elementId;
        ProcessInstanceId = processInstanceId;
    }

    public IncidentException()
        : this(Persistence.IncidentTypes.UnsupportedElement, string.Empty, "Incident.")
    {
    }

    public IncidentException(string message)
        : this(Persistence.IncidentTypes.UnsupportedElement, string.Empty, message)
    {
    }

    public IncidentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = Persistence.IncidentTypes.UnsupportedElement;
        ElementId = string.Empty;
    }

    public string Type { get; }

    public string ElementId { get; }

    /// <summary>The instance in which execution failed (it may not exist after the rollback, when it was created by the command).</summary>
    public Guid? ProcessInstanceId { get; }
}
