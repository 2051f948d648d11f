using System.Data.Common;
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

    /// <summary>
    /// Checks at deployment what a task of this job type needs, e.g. its <c>zeebe:taskHeaders</c>. Each problem
    /// refuses the deployment (code <c>BPMN118</c>, at the task's element).
    /// </summary>
    IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers) => [];

    /// <summary>Does the work and returns the variables to set (or an empty dictionary).</summary>
    Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <summary>The <c>zeebe:taskHeaders</c> of a task as a handler sees them: by key, the last of repeated keys winning.</summary>
internal static class TaskHeaders
{
    public static Dictionary<string, string> Of(Bpmn.Model.BpmnElement task) =>
        task.Zeebe.TaskHeaders.GroupBy(h => h.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}

/// <summary>What a handler finds wrong with a task of its job type at deployment, in German and English.</summary>
public sealed record ServiceTaskProblem(string MessageGerman, string MessageEnglish);

/// <summary>
/// Thrown by a service task handler when retrying cannot help (the task's configuration or the instance's data is
/// wrong): the job stops at once with an incident carrying the message, without using up its retries. After the
/// cause is fixed, the incident is retried.
/// </summary>
public sealed class ServiceTaskIncidentException : Exception
{
    /// <summary>Creates the exception with the incident's message.</summary>
    public ServiceTaskIncidentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServiceTaskIncidentException()
        : this("The service task cannot be run.")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ServiceTaskIncidentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
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
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>
    /// The key of the job that runs this call: the same on every attempt, the first one made inside the command that
    /// reached the task (a failed first attempt is recorded as a job with this key) through every retry and the retry of
    /// its incident. A new visit of the task gets a new key. A handler sends it as an idempotency key, so that the
    /// system it calls can recognise a repeat.
    /// </summary>
    public Guid JobKey { get; init; }

    /// <summary>The instances that called this one through call activities, nearest first; empty for a top-level instance.</summary>
    public IReadOnlyList<Guid> CallingProcessInstanceIds { get; init; } = [];

    /// <summary>The engine's time when the call was made (the virtual time in a simulation).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// Opens the job command's transaction (later calls return the same one), so that what the handler writes to the
    /// same database through its connection commits with the job's completion, or rolls back with it when the job
    /// fails. Call it only when about to write, after any slow work: the transaction stays open until the command ends.
    /// </summary>
    public Func<CancellationToken, Task<DbTransaction>> BeginTransactionAsync { get; init; } =
        _ => throw new InvalidOperationException("The service task does not run inside an engine command.");
}

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
