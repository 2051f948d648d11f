using Amtsweg.Data.Tenancy;

namespace Amtsweg.Engine.Persistence;

/// <summary>One deployment: a set of process definitions deployed together (all or nothing).</summary>
public sealed class DeploymentEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>A name for people, usually the file name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Who deployed it, or null.</summary>
    public string? DeployedBy { get; set; }

    /// <summary>Why it was deployed, in the deployer's words (what changed), or null.</summary>
    public string? Comment { get; set; }
}

/// <summary>One version of a process (a BPMN process id) as deployed. Never changes after deployment.</summary>
public sealed class ProcessDefinitionEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The deployment this version came with.</summary>
    public Guid DeploymentId { get; set; }

    /// <summary>The BPMN process id (the key under which versions are counted).</summary>
    public string ProcessId { get; set; } = string.Empty;

    /// <summary>The version, 1 for the first deployment of <see cref="ProcessId"/> in the tenant.</summary>
    public int Version { get; set; }

    /// <summary>The <c>zeebe:versionTag</c>, or null.</summary>
    public string? VersionTag { get; set; }

    /// <summary>The process name, or null.</summary>
    public string? Name { get; set; }

    /// <summary>The complete BPMN XML of the deployed file.</summary>
    public string BpmnXml { get; set; } = string.Empty;

    /// <summary>A SHA-256 of the XML (hex), to recognise an unchanged redeployment.</summary>
    public string Checksum { get; set; } = string.Empty;

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>
    /// Days the history of a finished instance is kept (<c>camunda:historyTimeToLive</c> or the process property
    /// <c>amtsweg:historyTimeToLive</c>), or null when the model sets none (the engine's default applies).
    /// </summary>
    public int? HistoryTimeToLiveDays { get; set; }
}

/// <summary>One version of a DMN decision as deployed, for business rule tasks. Never changes after deployment.</summary>
public sealed class DecisionDefinitionEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The deployment this version came with.</summary>
    public Guid DeploymentId { get; set; }

    /// <summary>The DMN decision id (the key under which versions are counted).</summary>
    public string DecisionId { get; set; } = string.Empty;

    /// <summary>The version, 1 for the first deployment of <see cref="DecisionId"/> in the tenant.</summary>
    public int Version { get; set; }

    /// <summary>The decision name.</summary>
    public string? Name { get; set; }

    /// <summary>The complete DMN XML of the deployed file.</summary>
    public string DmnXml { get; set; } = string.Empty;

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }
}

/// <summary>
/// One version of a form-js form deployed as a <c>.form</c> resource, for user tasks and start events that link it with
/// <c>zeebe:formDefinition formId</c>. Never changes after deployment.
/// </summary>
public sealed class FormDefinitionEntity : ITenantOwned
{
    /// <summary>Id (UUID v7); the form key a user task keeps.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The deployment this version came with.</summary>
    public Guid DeploymentId { get; set; }

    /// <summary>The form's <c>id</c> (the key under which versions are counted).</summary>
    public string FormId { get; set; } = string.Empty;

    /// <summary>The version, 1 for the first deployment of <see cref="FormId"/> in the tenant.</summary>
    public int Version { get; set; }

    /// <summary>The form's <c>versionTag</c>, or null.</summary>
    public string? VersionTag { get; set; }

    /// <summary>The file name it was deployed as.</summary>
    public string ResourceName { get; set; } = string.Empty;

    /// <summary>The form-js schema (JSON) as deployed.</summary>
    public string Schema { get; set; } = string.Empty;

    /// <summary>A SHA-256 of the schema (hex), to recognise an unchanged redeployment.</summary>
    public string Checksum { get; set; } = string.Empty;

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }
}

/// <summary>The state of a process instance.</summary>
public enum ProcessInstanceState
{
    /// <summary>Running (possibly waiting, possibly with an incident).</summary>
    Active,

    /// <summary>Ended normally (an end event, or a terminate end event).</summary>
    Completed,

    /// <summary>Cancelled from outside or by a terminating parent.</summary>
    Canceled,
}

/// <summary>A running or finished process instance. Its revision guards every change (optimistic locking).</summary>
public sealed class ProcessInstanceEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The definition version the instance runs on, for its whole life.</summary>
    public Guid ProcessDefinitionId { get; set; }

    /// <summary>The BPMN process id (denormalised for queries).</summary>
    public string ProcessId { get; set; } = string.Empty;

    /// <summary>The business key (for example an Aktenzeichen), or null.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The state.</summary>
    public ProcessInstanceState State { get; set; }

    /// <summary>Incremented by every command that changes the instance; a stale revision fails the save.</summary>
    public int Revision { get; set; }

    /// <summary>When the instance started (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended (UTC), or null.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who started it, or null.</summary>
    public string? StartedBy { get; set; }

    /// <summary>For an instance started by a call activity: the calling instance.</summary>
    public Guid? ParentProcessInstanceId { get; set; }

    /// <summary>For an instance started by a call activity: the execution of the call activity in the caller.</summary>
    public Guid? ParentExecutionId { get; set; }

    /// <summary>Counter that orders executions and history events within the instance.</summary>
    public long NextSequence { get; set; }
}

/// <summary>What an execution stands for.</summary>
public enum ExecutionKind
{
    /// <summary>The root scope of a process instance (element id = process id).</summary>
    ProcessInstance,

    /// <summary>A token at a flow node; while at an embedded sub-process it is also that sub-process's scope.</summary>
    Token,

    /// <summary>The body of a multi-instance activity: a scope whose children are the instances.</summary>
    MultiInstanceBody,

    /// <summary>
    /// One activation inside an ad-hoc sub-process (Camunda 8.8's inner instance; element id = the sub-process): a scope
    /// whose children are the tokens of the activated element's path and whose locals are the activation's variables.
    /// </summary>
    AdHocInnerInstance,
}

/// <summary>
/// A node in the token tree of an instance: the root scope, a token at a flow node, a multi-instance body or an
/// activation of an ad-hoc sub-process.
/// Variables live on executions; a lookup walks from an execution to the root.
/// </summary>
public sealed class ExecutionEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The instance.</summary>
    public Guid ProcessInstanceId { get; set; }

    /// <summary>The enclosing scope execution, or null for the root.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>What the execution stands for.</summary>
    public ExecutionKind Kind { get; set; }

    /// <summary>The flow node (or process) the execution is at.</summary>
    public string ElementId { get; set; } = string.Empty;

    /// <summary>True while the execution waits (user task, message, timer, job, joining gateway).</summary>
    public bool IsWaiting { get; set; }

    /// <summary>The sequence flow by which the token arrived, or null.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>Orders executions within the instance.</summary>
    public long Sequence { get; set; }

    /// <summary>When the token entered its current element (UTC).</summary>
    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>The loop counter of a multi-instance instance or standard loop (1-based), or 0.</summary>
    public int LoopCounter { get; set; }

    /// <summary>Bookkeeping of a multi-instance body as JSON (input items, outputs, counts), or null.</summary>
    public string? LoopState { get; set; }
}

/// <summary>A variable of a scope execution, stored as JSON.</summary>
public sealed class VariableEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The instance.</summary>
    public Guid ProcessInstanceId { get; set; }

    /// <summary>The execution the variable is local to.</summary>
    public Guid ExecutionId { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The value as JSON text (<c>null</c> for null).</summary>
    public string Json { get; set; } = "null";
}

/// <summary>The state of a user task.</summary>
public enum UserTaskState
{
    /// <summary>Open in somebody's inbox.</summary>
    Created,

    /// <summary>Completed by a user.</summary>
    Completed,

    /// <summary>Removed because its scope ended (terminate, boundary event, completion condition).</summary>
    Canceled,
}

/// <summary>A user task waiting for a person.</summary>
public sealed class UserTaskEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The instance.</summary>
    public Guid ProcessInstanceId { get; set; }

    /// <summary>The definition of the instance.</summary>
    public Guid ProcessDefinitionId { get; set; }

    /// <summary>The token waiting at the task.</summary>
    public Guid ExecutionId { get; set; }

    /// <summary>The BPMN element id of the task.</summary>
    public string ElementId { get; set; } = string.Empty;

    /// <summary>The name of the task.</summary>
    public string? Name { get; set; }

    /// <summary>The assignee, or null.</summary>
    public string? Assignee { get; set; }

    /// <summary>Candidate groups, comma separated (without blanks), or null.</summary>
    public string? CandidateGroups { get; set; }

    /// <summary>Candidate users, comma separated (without blanks), or null.</summary>
    public string? CandidateUsers { get; set; }

    /// <summary>Due date (UTC), or null.</summary>
    public DateTimeOffset? DueDate { get; set; }

    /// <summary>Follow-up date (Wiedervorlage, UTC), or null.</summary>
    public DateTimeOffset? FollowUpDate { get; set; }

    /// <summary>The form id (<c>zeebe:formDefinition formId</c>) or form key, or null.</summary>
    public string? FormId { get; set; }

    /// <summary>
    /// The deployed form version (<see cref="FormDefinitionEntity"/>) a linked form resolved to when the task was created,
    /// or null (an embedded form, or none): a later version of the form does not change an open task's form.
    /// </summary>
    public Guid? FormDefinitionId { get; set; }

    /// <summary>The state.</summary>
    public UserTaskState State { get; set; }

    /// <summary>Guards claim and completion against concurrent changes.</summary>
    public int Revision { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was completed or cancelled (UTC), or null.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who completed it, or null.</summary>
    public string? CompletedBy { get; set; }
}

/// <summary>What an event subscription waits for.</summary>
public enum EventSubscriptionKind
{
    /// <summary>A message (catch event, receive task, boundary event or start event).</summary>
    Message,

    /// <summary>A signal (catch event or start event).</summary>
    Signal,

    /// <summary>
    /// A completed activity to compensate: the execution is the scope it completed in (or, inside a completed
    /// sub-process, the sub-process's compensation subscription), the element the activity, the event name its
    /// compensation boundary event (empty for a sub-process compensated only through its inner activities), the
    /// correlation key the completion order.
    /// </summary>
    Compensation,

    /// <summary>
    /// A conditional event (catch, boundary or event sub-process start event; for a process-level start event without
    /// instance): the event name is the element id, the correlation key the condition's last result (<c>true</c>,
    /// <c>false</c>, or null before the first evaluation), so that only a change from false to true fires.
    /// </summary>
    Conditional,
}

/// <summary>An event an execution (or, for start events, a definition) waits for.</summary>
public sealed class EventSubscriptionEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>What is waited for.</summary>
    public EventSubscriptionKind Kind { get; set; }

    /// <summary>The event name (message or signal name).</summary>
    public string EventName { get; set; } = string.Empty;

    /// <summary>The evaluated correlation key, or null (start events, signals).</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>The definition (for start events the one to start).</summary>
    public Guid ProcessDefinitionId { get; set; }

    /// <summary>The waiting instance, or null for a start event.</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>The waiting execution, or null for a start event.</summary>
    public Guid? ExecutionId { get; set; }

    /// <summary>The catching element (catch event, receive task, boundary or start event).</summary>
    public string ElementId { get; set; } = string.Empty;

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A published message kept for its time to live (Camunda 8's message buffer): a subscription that opens later with
/// the same name and correlation key receives it, at most once per process (BPMN process id).
/// </summary>
public sealed class MessageEntity : ITenantOwned
{
    /// <summary>Id (UUID v7); the message key of the publication.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The message name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The correlation key ("" for a message that only starts instances).</summary>
    public string CorrelationKey { get; set; } = string.Empty;

    /// <summary>The publisher's id for idempotency, or null: a second publication with the same name, key and id is refused while this one lives.</summary>
    public string? MessageId { get; set; }

    /// <summary>The variables as a JSON object.</summary>
    public string Variables { get; set; } = "{}";

    /// <summary>When it was published (UTC).</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>When it expires (UTC); an expired message is deleted and correlates no more.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The BPMN process ids it has been correlated to, each enclosed in '|' (<c>|antrag|gebuehr|</c>).</summary>
    public string CorrelatedProcessIds { get; set; } = "|";

    /// <summary>Optimistic concurrency: two instances of one process that open a subscription at once cannot both take it.</summary>
    public int Revision { get; set; }
}

/// <summary>What a job does when it runs.</summary>
public enum JobKind
{
    /// <summary>A timer of an intermediate catch event, boundary event or event-based gateway fires.</summary>
    Timer,

    /// <summary>A timer start event starts an instance.</summary>
    TimerStart,

    /// <summary>A service task (or message throw event with a job type) runs its in-process handler.</summary>
    ServiceTask,

    /// <summary>
    /// A service task whose job type has no in-process handler: a worker outside the server activates and completes
    /// it (<see cref="IExternalJobs"/>); the job executor never runs it. Locked by the worker's lock owner.
    /// </summary>
    ExternalTask,

    /// <summary>
    /// An async continuation (<c>camunda:asyncBefore</c> or <c>camunda:asyncAfter</c>): the token waits at the element
    /// until the job executor moves it on in a new transaction. <see cref="JobEntity.JobType"/> says which:
    /// <c>async-before</c> or <c>async-after</c>.
    /// </summary>
    AsyncContinuation,

    /// <summary>
    /// A signal thrown in the municipality (<see cref="JobEntity.JobType"/> is its name, <see cref="JobEntity.Payload"/>
    /// its variables and delivery cursor): delivered to each catching subscription in its own transaction, so that a
    /// conflict in one receiving instance neither rolls back the thrower nor the other receivers.
    /// </summary>
    SignalBroadcast,
}

/// <summary>Work done later by the job executor: timers and service tasks. Locked by owner and expiry when acquired.</summary>
public sealed class JobEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>What the job does.</summary>
    public JobKind Kind { get; set; }

    /// <summary>The definition.</summary>
    public Guid ProcessDefinitionId { get; set; }

    /// <summary>The instance, or null for a timer start.</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>The execution waiting for the job, or null for a timer start.</summary>
    public Guid? ExecutionId { get; set; }

    /// <summary>The element the job belongs to.</summary>
    public string ElementId { get; set; } = string.Empty;

    /// <summary>The job type of a service task, or null.</summary>
    public string? JobType { get; set; }

    /// <summary>When the job is due (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Retries left; at 0 the job stops and an incident is raised.</summary>
    public int Retries { get; set; }

    /// <summary>For a repeating timer: repetitions left after this one (-1 for unbounded), or null.</summary>
    public int? RepeatCount { get; set; }

    /// <summary>For a repeating timer: the ISO 8601 interval between repetitions, or null.</summary>
    public string? RepeatInterval { get; set; }

    /// <summary>The job executor that holds the lock, or null.</summary>
    public string? LockOwner { get; set; }

    /// <summary>When the lock expires (UTC), or null.</summary>
    public DateTimeOffset? LockExpiresAt { get; set; }

    /// <summary>The message of the last failure, or null.</summary>
    public string? LastError { get; set; }

    /// <summary>Guards acquisition and execution against concurrent job executors.</summary>
    public int Revision { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Data of the job's kind as JSON, or null (a signal broadcast: its variables and how far delivery got).</summary>
    public string? Payload { get; set; }

    /// <summary>Higher runs first among due jobs (<c>camunda:jobPriority</c> of the element or its process; default 0).</summary>
    public int Priority { get; set; }
}

/// <summary>A problem that stopped an instance at an element until somebody helps.</summary>
public sealed class IncidentEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The instance, or null when the instance could not be started.</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>The definition.</summary>
    public Guid ProcessDefinitionId { get; set; }

    /// <summary>The element where it happened.</summary>
    public string ElementId { get; set; } = string.Empty;

    /// <summary>A stable type (see <see cref="IncidentTypes"/>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>What went wrong.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The job that failed, or null.</summary>
    public Guid? JobId { get; set; }

    /// <summary>When it was raised (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was resolved (UTC), or null while open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>One entry of an instance's history: what happened, when, by whom, where, and how variables changed.</summary>
public sealed class HistoryEventEntity : ITenantOwned
{
    /// <summary>Id (UUID v7).</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The instance.</summary>
    public Guid ProcessInstanceId { get; set; }

    /// <summary>Orders the events of an instance.</summary>
    public long Sequence { get; set; }

    /// <summary>What happened (see <see cref="HistoryEventTypes"/>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>When (UTC, from the engine's clock).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Who caused it, or null for the engine itself (timers, jobs).</summary>
    public string? UserId { get; set; }

    /// <summary>The element, or null.</summary>
    public string? ElementId { get; set; }

    /// <summary>The BPMN type of the element (for example <c>userTask</c>), or null.</summary>
    public string? ElementType { get; set; }

    /// <summary>The execution concerned, or null.</summary>
    public Guid? ExecutionId { get; set; }

    /// <summary>Variables before the change (JSON object), or null.</summary>
    public string? VariablesBefore { get; set; }

    /// <summary>Variables after the change (JSON object), or null.</summary>
    public string? VariablesAfter { get; set; }

    /// <summary>Further detail (task id, message name, incident message), or null.</summary>
    public string? Detail { get; set; }
}

/// <summary>The stable incident types.</summary>
public static class IncidentTypes
{
    /// <summary>A FEEL expression failed or gave a value of the wrong type.</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>No outgoing flow of a gateway or activity could be taken.</summary>
    public const string NoFlowTaken = "no-flow-taken";

    /// <summary>A transaction exceeded the step limit (a loop without wait state).</summary>
    public const string StepLimitExceeded = "step-limit-exceeded";

    /// <summary>A job (service task, timer) failed and has no retries left.</summary>
    public const string JobFailed = "job-failed";

    /// <summary>A BPMN error was thrown that no boundary event catches.</summary>
    public const string UnhandledError = "unhandled-error";

    /// <summary>A called process or decision could not be found.</summary>
    public const string CalledElementNotFound = "called-element-not-found";

    /// <summary>The form a user task links (<c>zeebe:formDefinition formId</c>) could not be found (Camunda 8: FORM_NOT_FOUND).</summary>
    public const string FormNotFound = "form-not-found";

    /// <summary>The engine cannot execute the element.</summary>
    public const string UnsupportedElement = "unsupported-element";
}

/// <summary>The stable history event types.</summary>
public static class HistoryEventTypes
{
    /// <summary>An instance started.</summary>
    public const string ProcessInstanceStarted = "process-instance-started";

    /// <summary>An instance completed.</summary>
    public const string ProcessInstanceCompleted = "process-instance-completed";

    /// <summary>An instance was cancelled.</summary>
    public const string ProcessInstanceCanceled = "process-instance-canceled";

    /// <summary>A token entered a flow node.</summary>
    public const string ElementEntered = "element-entered";

    /// <summary>A flow node completed.</summary>
    public const string ElementCompleted = "element-completed";

    /// <summary>A flow node was cancelled (terminate, interrupting event, completion condition).</summary>
    public const string ElementCanceled = "element-canceled";

    /// <summary>A completed activity was compensated: the element is the activity, the detail its compensation handler (none for a sub-process compensated through its inner activities).</summary>
    public const string ActivityCompensated = "activity-compensated";

    /// <summary>A sequence flow was taken.</summary>
    public const string SequenceFlowTaken = "sequence-flow-taken";

    /// <summary>Variables changed (before/after hold the changed names only).</summary>
    public const string VariablesUpdated = "variables-updated";

    /// <summary>A user task was created.</summary>
    public const string UserTaskCreated = "user-task-created";

    /// <summary>A user task was claimed.</summary>
    public const string UserTaskClaimed = "user-task-claimed";

    /// <summary>A user task was unclaimed.</summary>
    public const string UserTaskUnclaimed = "user-task-unclaimed";

    /// <summary>A user task was handed to another user (detail: JSON with from, to and by).</summary>
    public const string UserTaskDelegated = "user-task-delegated";

    /// <summary>A user task was completed.</summary>
    public const string UserTaskCompleted = "user-task-completed";

    /// <summary>A message was correlated.</summary>
    public const string MessageCorrelated = "message-correlated";

    /// <summary>A waiting timer's due date was moved by hand (detail: JSON with from, to, by and reason).</summary>
    public const string TimerDueDateChanged = "timer-due-date-changed";

    /// <summary>A timer fired.</summary>
    public const string TimerFired = "timer-fired";

    /// <summary>A job failed (retries left in the detail).</summary>
    public const string JobFailed = "job-failed";

    /// <summary>An incident was raised.</summary>
    public const string IncidentCreated = "incident-created";

    /// <summary>An incident was resolved, by a retry or by hand (detail: how, and its message).</summary>
    public const string IncidentResolved = "incident-resolved";

    /// <summary>The condition of a conditional event turned true and the event fired.</summary>
    public const string ConditionMet = "condition-met";
}
