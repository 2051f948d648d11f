using System.Text.Json.Nodes;

namespace Amtsweg.Engine;

/// <summary>
/// Runs service tasks of one job type (<c>zeebe:taskDefinition type</c>) in process. Register with
/// <see cref="EngineServiceCollectionExtensions.AddServiceTaskHandler{THandler}"/>. Throwing an exception fails the
/// job (it is retried; without retries left an incident is raised); throwing <see cref="BpmnErrorException"/>
/// throws a BPMN error at the task, which an error boundary event may catch.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>The job type this handler serves.</summary>
    string JobType { get; }

    /// <summary>Does the work and returns the variables to set (or an empty dictionary).</summary>
    Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <summary>What a service task handler sees.</summary>
/// <param name="ProcessInstanceId">The instance.</param>
/// <param name="ElementId">The task's element id.</param>
/// <param name="JobType">The job type.</param>
/// <param name="RetriesLeft">Retries left including this attempt.</param>
/// <param name="Variables">The variables visible at the task (after input mappings), as JSON.</param>
/// <param name="Headers">The <c>zeebe:taskHeaders</c>.</param>
public sealed record ServiceTaskContext(
    Guid ProcessInstanceId,
    string ElementId,
    string JobType,
    int RetriesLeft,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>Thrown by a service task handler to throw a BPMN error with a code at the task.</summary>
public sealed class BpmnErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BpmnErrorException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    /// <summary>Creates the exception.</summary>
    public BpmnErrorException()
        : this("error", "BPMN error")
    {
    }

    /// <summary>Creates the exception.</summary>
    public BpmnErrorException(string errorCode)
        : this(errorCode, "BPMN error " + errorCode)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public BpmnErrorException(string errorCode, Exception innerException)
        : base("BPMN error " + errorCode, innerException) => ErrorCode = errorCode;

    /// <summary>The error code matched against <c>errorCode</c> of error boundary events.</summary>
    public string ErrorCode { get; }
}
