using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine;

/// <summary>
/// The process engine: deploys BPMN, starts instances, works user tasks, correlates messages, runs due jobs and
/// reports state and history. Every call is one command in one transaction, for the tenant of the current scope.
/// </summary>
public interface IProcessEngine
{
    /// <summary>Validates and deploys BPMN and DMN files as a whole (all or nothing); each executable process and each decision gets a new version.</summary>
    /// <exception cref="DeploymentFailedException">A file does not parse or validate.</exception>
    Task<DeploymentInfo> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a deployment without deploying anything: every problem <see cref="DeployAsync"/> would refuse it for (the
    /// validator's codes, FEEL syntax, job handlers' headers, forms, decisions), and the validator's warnings. Empty when
    /// it would deploy without a remark.
    /// </summary>
    Task<IReadOnlyList<DeploymentProblem>> ValidateDeploymentAsync(DeploymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts an instance of the latest version of a process (or of a given definition) at its none start event.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such process.</exception>
    /// <exception cref="ProcessIncidentException">The instance ran into an incident before its first wait state.</exception>
    Task<ProcessInstanceInfo> StartProcessInstanceAsync(StartProcessInstanceRequest request, CancellationToken cancellationToken = default);

    /// <summary>The state of an instance: state, active element ids, variables of the root scope, open incidents.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance.</exception>
    Task<ProcessInstanceInfo> GetProcessInstanceAsync(Guid processInstanceId, CancellationToken cancellationToken = default);

    /// <summary>The deployed process definitions, by process id and newest version first.</summary>
    Task<IReadOnlyList<ProcessDefinitionInfo>> ListProcessDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The complete BPMN XML of a deployed process definition, as it was deployed (diagram included), for a diagram viewer.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such definition in the tenant.</exception>
    Task<string> GetProcessDefinitionXmlAsync(Guid processDefinitionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The form-js schema (JSON) of the start form of a process definition: the <c>zeebe:formDefinition</c> of its none
    /// start event, embedded or linked by the same rules as a user task's (a linked form resolved now by its binding);
    /// null when the start event has no such form.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such definition, or the linked form is not deployed (German message naming it).</exception>
    Task<string?> GetStartFormAsync(Guid processDefinitionId, CancellationToken cancellationToken = default);

    /// <summary>The deployed forms (<c>.form</c> files), by form id and newest version first, with who deployed each and the comment.</summary>
    Task<IReadOnlyList<FormDefinitionInfo>> ListFormDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The form-js schema (JSON) of one deployed form version, exactly as it was deployed.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such form version in the tenant.</exception>
    Task<string> GetFormDefinitionSchemaAsync(Guid formDefinitionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The deployed decisions (from <c>.dmn</c> files), by decision id and newest version first, with who deployed each,
    /// the comment, and the processes whose newest version calls the decision from a business rule task by a fixed id.
    /// </summary>
    Task<IReadOnlyList<DecisionDefinitionInfo>> ListDecisionDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The DMN XML of the file that brought one deployed decision version, exactly as it was deployed.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such decision version in the tenant.</exception>
    Task<string> GetDecisionDefinitionXmlAsync(Guid decisionDefinitionId, CancellationToken cancellationToken = default);

    /// <summary>One user task, open or not.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such task.</exception>
    Task<UserTaskInfo> GetUserTaskAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The form-js schema (JSON) of a user task's form: embedded in its diagram (<c>zeebe:userTaskForm</c>), or a
    /// deployed <c>.form</c> linked with <c>zeebe:formDefinition formId</c> (the version the task was created with);
    /// null when the task has no such form.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such task.</exception>
    Task<string?> GetUserTaskFormAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>The variables an open user task sees (its own scope and every scope around it): what its form is shown with.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such task.</exception>
    /// <exception cref="InvalidEngineStateException">The task is no longer open.</exception>
    Task<JsonObject> GetUserTaskVariablesAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>The tenants that have due jobs; only in the platform scope (a job executor that serves every tenant).</summary>
    /// <exception cref="InvalidOperationException">The scope is a tenant's.</exception>
    Task<IReadOnlyList<Guid>> GetTenantsWithDueJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Open incidents and failed jobs (retries used up, or the last attempt failed) counted per tenant, in the database;
    /// tenants with neither are left out. Only in the platform scope (an operator's overview of every tenant).
    /// </summary>
    /// <exception cref="InvalidOperationException">The scope is a tenant's.</exception>
    Task<IReadOnlyList<TenantTrouble>> CountTroubleByTenantAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's incidents with their process version and job (open ones newest first, one page; or the one of
    /// <see cref="IncidentOverviewQuery.Id"/>, open or resolved). Carries no variables and no business key.
    /// </summary>
    Task<IReadOnlyList<IncidentOverview>> QueryIncidentOverviewsAsync(IncidentOverviewQuery query, CancellationToken cancellationToken = default);

    /// <summary>Open user tasks matching the query.</summary>
    Task<IReadOnlyList<UserTaskInfo>> QueryUserTasksAsync(UserTaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of open user tasks and how many there are in all, filtered and sorted in the database (an inbox with
    /// thousands of open tasks); by default due ones first, the earliest due date first, tasks without a due date last,
    /// then the oldest first (<see cref="UserTaskPageQuery.Sort"/>).
    /// </summary>
    Task<UserTaskPage> PageUserTasksAsync(UserTaskPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Assigns an open task to a user.</summary>
    /// <exception cref="InvalidEngineStateException">The task is assigned to somebody else, or not open.</exception>
    Task<UserTaskInfo> ClaimUserTaskAsync(Guid taskId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Removes the assignee of an open task.</summary>
    Task<UserTaskInfo> UnclaimUserTaskAsync(Guid taskId, string? userId = null, CancellationToken cancellationToken = default);

    /// <summary>Completes an open task with variables; the instance moves on to its next wait state.</summary>
    /// <exception cref="ProcessIncidentException">The instance ran into an incident; the task stays open.</exception>
    Task CompleteUserTaskAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, CancellationToken cancellationToken = default);

    // The overloads above act as the trusted system caller (simulation, engine-internal use, tests); the HTTP API uses the
    // ones with a TaskCaller below, which check that the caller may work the task.

    /// <summary>Assigns an open task to <paramref name="caller"/> when they may work it.</summary>
    /// <exception cref="InvalidEngineStateException">The task is assigned to somebody else, or not open.</exception>
    /// <exception cref="TaskAccessDeniedException">The caller is not a candidate of the task; nothing changed.</exception>
    Task<UserTaskInfo> ClaimUserTaskAsync(Guid taskId, TaskCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Removes the assignee of an open task: the assignee, a candidate or Leitung (<see cref="TaskCaller.MayReassign"/>).</summary>
    /// <exception cref="TaskAccessDeniedException">The caller may not work the task; nothing changed.</exception>
    Task<UserTaskInfo> UnclaimUserTaskAsync(Guid taskId, TaskCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Completes an open task on behalf of <paramref name="caller"/> when they may work it.</summary>
    /// <exception cref="TaskAccessDeniedException">The caller is not the assignee or not a candidate; nothing changed.</exception>
    /// <exception cref="ProcessIncidentException">The instance ran into an incident; the task stays open.</exception>
    Task CompleteUserTaskAsync(Guid taskId, TaskCaller caller, IReadOnlyDictionary<string, object?>? variables = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands an open task to <paramref name="target"/>: the assignee to a user who may work it by the candidate rules,
    /// Leitung (<see cref="TaskCaller.MayReassign"/>) to any user; the four-eyes rule holds for the target.
    /// </summary>
    /// <param name="taskId">The open task.</param>
    /// <param name="target">The new assignee with their groups (checked against the candidate groups).</param>
    /// <param name="caller">Who hands the task over.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <exception cref="TaskAccessDeniedException">The caller may not hand the task over, or the target may not work it; nothing changed.</exception>
    /// <exception cref="InvalidEngineStateException">The task is not open or already assigned to the target.</exception>
    Task<UserTaskInfo> DelegateUserTaskAsync(Guid taskId, TaskCaller target, TaskCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Moves the due date of a waiting timer of an active instance; history records old and new date, who and why.</summary>
    /// <exception cref="InvalidEngineStateException">Not a timer, instance finished, date not in the future, or the timer fires right now; nothing changed.</exception>
    /// <exception cref="EngineObjectNotFoundException">No such job or instance.</exception>
    Task<TimerInfo> ChangeTimerDueDateAsync(ChangeTimerDueDateRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a message to the instance waiting for it (name and correlation key), or starts a process with that message
    /// start event. With <see cref="CorrelateMessageRequest.ProcessInstanceId"/> only that instance can receive it, and no
    /// process is started.
    /// </summary>
    Task<MessageCorrelationResult> CorrelateMessageAsync(CorrelateMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages an instance waits for now: the open message subscriptions of its catch events, receive tasks and
    /// boundary events, with the waiting element's name and kind, oldest first (empty for an ended instance).
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance.</exception>
    Task<IReadOnlyList<MessageSubscriptionInfo>> GetMessageSubscriptionsAsync(Guid processInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes a message (Camunda 8 semantics): correlated at once to the oldest waiting subscription with its name and
    /// correlation key in each process, or starting a process at a message start event; with a time to live it is kept
    /// for subscriptions that open later. Unlike <see cref="CorrelateMessageAsync"/>, nobody needs to wait for it yet.
    /// </summary>
    /// <exception cref="InvalidEngineStateException">A live message with the same name, correlation key and message id exists; nothing changed.</exception>
    Task<MessagePublicationResult> PublishMessageAsync(PublishMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Broadcasts a signal in the municipality: every signal subscription that exists now (catch, boundary and
    /// event sub-process start events of running instances, signal start events) receives it, each in its own
    /// transaction after this call's commit; a conflict in one receiver is retried for that receiver only.
    /// </summary>
    Task<SignalBroadcastResult> BroadcastSignalAsync(BroadcastSignalRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Activates inner elements of an active ad-hoc sub-process (Camunda 8.8's "activate activities within an ad-hoc
    /// sub-process"): each element gets a token (with its variables as locals) and runs to its wait state.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">The key names no active ad-hoc sub-process of the municipality.</exception>
    /// <exception cref="InvalidEngineStateException">An element id is not an activatable element of it (inner, without incoming flow); nothing changed.</exception>
    Task<ProcessInstanceInfo> ActivateAdHocActivitiesAsync(ActivateAdHocActivitiesRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The active element instances of the municipality matching the query (Camunda 8's element instance search),
    /// ordered by instance and by when they were created, one page with the number of all matches. An element
    /// instance's key is the engine's execution id: it names the element only while a token is there (a token moves
    /// on along sequence flows), so completed or cancelled element instances are not listed.
    /// </summary>
    Task<ElementInstancePage> QueryElementInstancesAsync(ElementInstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>One active element instance of the municipality by its key (the execution id).</summary>
    /// <exception cref="EngineObjectNotFoundException">No active element instance of the municipality has that key.</exception>
    Task<ElementInstanceInfo> GetElementInstanceAsync(Guid elementInstanceId, CancellationToken cancellationToken = default);

    /// <summary>Runs the jobs (timers, service tasks) that are due by the engine's clock; each in its own transaction.</summary>
    Task<JobExecutionSummary> ExecuteDueJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Acquires due jobs of the tenant for a job executor (locked by its owner name until the lock expires) and runs
    /// them, each in its own transaction. Job executors in several processes may share one PostgreSQL database.
    /// </summary>
    Task<JobExecutionSummary> ExecuteDueJobsAsync(JobAcquisition acquisition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks due jobs of the tenant for a job executor (owner and expiry), at most <see cref="JobAcquisition.MaxJobs"/>,
    /// highest priority first, and returns them without running them: a job executor with parallel lanes runs them with
    /// <see cref="ExecuteAcquiredJobAsync"/>, each lane in its own unit of work. No job of an instance that already has
    /// a locked job is taken; one result may hold several jobs of one instance (run them one after another, in order).
    /// </summary>
    Task<IReadOnlyList<AcquiredJob>> AcquireJobsAsync(JobAcquisition acquisition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one job acquired by <paramref name="lockOwner"/> in its own transaction. Jobs of the same instance that its
    /// command made due now (an <c>asyncBefore</c> chain, <c>asyncAfter</c>) are locked for the same owner in that
    /// command and returned as continuations: run them next, in order, without acquiring them again.
    /// </summary>
    Task<AcquiredJobResult> ExecuteAcquiredJobAsync(AcquiredJob job, string lockOwner, CancellationToken cancellationToken = default);

    /// <summary>The incidents of the municipality matching the query, newest first, one page (for the operator).</summary>
    Task<IReadOnlyList<IncidentInfo>> QueryIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>The jobs of the municipality matching the query, soonest due first, one page (for the operator).</summary>
    Task<IReadOnlyList<JobInfo>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The process instances of the municipality matching the query, newest start first, one page (for the operator):
    /// each with its definition version and the number of its open incidents, without variables.
    /// </summary>
    Task<IReadOnlyList<ProcessInstanceSummary>> QueryProcessInstancesAsync(ProcessInstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many instances of each deployed definition version of the municipality are running, completed, cancelled and
    /// running with an open incident; counted in the database. Versions without instances are not listed.
    /// </summary>
    Task<IReadOnlyList<ProcessInstanceCounts>> CountProcessInstancesAsync(CancellationToken cancellationToken = default);

    /// <summary>The incidents of an instance, open and resolved, oldest first.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance.</exception>
    Task<IReadOnlyList<IncidentInfo>> GetIncidentsAsync(Guid processInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retries what an open incident stopped: sets the given variables, gives a failed job new retries (the job
    /// executor runs it again) or runs an instance that failed before its first wait state again from its start; the
    /// incident is resolved. If that run fails at once, the incident stays open with the new message.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such incident.</exception>
    /// <exception cref="InvalidEngineStateException">The incident is resolved, its instance has ended, or retries were given for an incident without job.</exception>
    /// <exception cref="ProcessIncidentException">The instance failed again.</exception>
    Task<IncidentInfo> RetryIncidentAsync(RetryIncidentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks an open incident resolved without running anything; an incident of a failed job must be retried instead.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such incident.</exception>
    /// <exception cref="InvalidEngineStateException">The incident is resolved, stopped a job, or its instance has ended.</exception>
    Task<IncidentInfo> ResolveIncidentAsync(Guid incidentId, string? userId = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running instance: its tokens, user tasks, waits and called instances end; open incidents are resolved.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance.</exception>
    /// <exception cref="InvalidEngineStateException">The instance has ended, or was started by a call activity (cancel the caller).</exception>
    Task<ProcessInstanceInfo> CancelProcessInstanceAsync(Guid processInstanceId, string? userId = null, CancellationToken cancellationToken = default);

    /// <summary>The history of an instance, in order.</summary>
    Task<IReadOnlyList<HistoryEventInfo>> GetHistoryAsync(Guid processInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything the engine stores about the given instances and the instances they called (directly or further
    /// down): every variable of every scope and the whole history with its variable values and details. For a
    /// host that answers a person's access request (Art. 15 DSGVO) or checks what an erasure would change. Unknown ids
    /// are skipped.
    /// </summary>
    Task<IReadOnlyList<ProcessInstanceData>> GetProcessInstanceDataAsync(IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces, in the variables and the history of the given instances and the instances they called, every string
    /// value for which <see cref="ProcessDataRedactionRequest.Matches"/> holds (also inside lists and objects) and
    /// every history detail it matches by <see cref="ProcessDataRedactionRequest.Replacement"/>, in one transaction
    /// (the caller's, when its context has one). Nothing else changes: variable names, elements, times and the
    /// order of the history stay. For erasing a person's data (Art. 17 DSGVO) after their case has ended.
    /// </summary>
    /// <exception cref="InvalidEngineStateException">
    /// A running instance holds a matching value: the engine does not change the data of a running process behind its
    /// back (a later condition or mapping would read the replacement). Nothing is changed.
    /// </exception>
    Task<ProcessDataRedaction> RedactProcessInstanceDataAsync(ProcessDataRedactionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Evaluates the process-level conditional start events of the municipality (Camunda 8's
    /// <c>POST /v2/conditionals/evaluation</c>): the latest version of every process (or only the given definition)
    /// starts an instance at each conditional start event whose condition holds for the variables, with those
    /// variables. A condition that cannot be evaluated records an incident at its start event; the others go on.
    /// </summary>
    /// <exception cref="ProcessIncidentException">A started instance ran into an incident before its first wait state; nothing was started.</exception>
    Task<ConditionalStartEvaluationResult> EvaluateConditionalStartEventsAsync(EvaluateConditionalStartEventsRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What the engine stores about one instance (see <see cref="IProcessEngine.GetProcessInstanceDataAsync"/>).</summary>
/// <param name="Id">The instance.</param>
/// <param name="ParentProcessInstanceId">The instance that called it, or null.</param>
/// <param name="ProcessId">The BPMN process id.</param>
/// <param name="BusinessKey">The business key, or null.</param>
/// <param name="State">Running or ended.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, or null.</param>
/// <param name="Variables">Every variable of every scope, by scope (execution) and name.</param>
/// <param name="History">The history, in order.</param>
public sealed record ProcessInstanceData(
    Guid Id,
    Guid? ParentProcessInstanceId,
    string ProcessId,
    string? BusinessKey,
    ProcessInstanceState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<VariableData> Variables,
    IReadOnlyList<HistoryEventInfo> History);

/// <summary>One stored variable.</summary>
/// <param name="ExecutionId">Its scope: the instance's id for an instance variable, else the execution's.</param>
/// <param name="Name">The name.</param>
/// <param name="Value">The value as JSON.</param>
public sealed record VariableData(Guid ExecutionId, string Name, JsonNode? Value);

/// <summary>What to replace in the data of which instances (see <see cref="IProcessEngine.RedactProcessInstanceDataAsync"/>).</summary>
/// <param name="ProcessInstanceIds">The instances; the instances they called are included.</param>
/// <param name="Matches">True for a string that must go (e.g. one naming the person).</param>
/// <param name="Replacement">What stands in its place, e.g. <c>[gelöscht nach Art. 17 DSGVO]</c>.</param>
public sealed record ProcessDataRedactionRequest(IReadOnlyCollection<Guid> ProcessInstanceIds, Func<string, bool> Matches, string Replacement);

/// <summary>What a redaction changed: one entry per instance with at least one change.</summary>
/// <param name="Instances">The instances changed.</param>
public sealed record ProcessDataRedaction(IReadOnlyList<RedactedProcessInstance> Instances);

/// <summary>The changes in one instance.</summary>
/// <param name="ProcessInstanceId">The instance.</param>
/// <param name="Variables">Variables whose value changed.</param>
/// <param name="HistoryEvents">History events whose variable values or detail changed.</param>
public sealed record RedactedProcessInstance(Guid ProcessInstanceId, int Variables, int HistoryEvents);

/// <summary>One file to deploy.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Content">The BPMN or DMN XML, or the form's JSON.</param>
public sealed record DeploymentResource(string Name, string Content);

/// <summary>What to deploy.</summary>
/// <param name="Name">A name for the deployment.</param>
/// <param name="Resources">
/// The BPMN files, DMN files (name ending in <c>.dmn</c>) whose decisions business rule tasks call, and form-js forms (name
/// ending in <c>.form</c>) that user tasks and start events link with <c>zeebe:formDefinition formId</c>.
/// </param>
/// <param name="UserId">Who deploys, or null.</param>
public sealed record DeploymentRequest(string Name, IReadOnlyList<DeploymentResource> Resources, string? UserId = null)
{
    /// <summary>The longest <see cref="Comment"/>.</summary>
    public const int CommentMaxLength = 1000;

    /// <summary>Why it is deployed (what changed), kept with the deployment; null for none.</summary>
    public string? Comment { get; init; }
}

/// <summary>A deployment with the definitions it created.</summary>
public sealed record DeploymentInfo(Guid Id, string Name, DateTimeOffset DeployedAt, IReadOnlyList<ProcessDefinitionInfo> ProcessDefinitions)
{
    /// <summary>The comment given with the deployment, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The forms (<c>.form</c> files) of the deployment, with the version each has now.</summary>
    public IReadOnlyList<FormDefinitionInfo> Forms { get; init; } = [];
}

/// <summary>One deployed version of a form (a <c>.form</c> file).</summary>
/// <param name="Id">The form key: this version's id.</param>
/// <param name="FormId">The form's <c>id</c>, which <c>zeebe:formDefinition formId</c> names.</param>
/// <param name="Version">The version, counted per form id in the municipality.</param>
/// <param name="VersionTag">The form's <c>versionTag</c>, or null.</param>
/// <param name="ResourceName">The file name of the form in the deployment.</param>
/// <param name="DeploymentId">The deployment that brought this version (an earlier one when the file was unchanged).</param>
public sealed record FormDefinitionInfo(Guid Id, string FormId, int Version, string? VersionTag, string ResourceName, Guid DeploymentId)
{
    /// <summary>When this version was deployed (UTC); filled by <see cref="IProcessEngine.ListFormDefinitionsAsync"/>.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>Who deployed it, or null; filled by <see cref="IProcessEngine.ListFormDefinitionsAsync"/>.</summary>
    public string? DeployedBy { get; init; }

    /// <summary>The comment of the deployment that brought this version, or null; filled by <see cref="IProcessEngine.ListFormDefinitionsAsync"/>.</summary>
    public string? DeploymentComment { get; init; }
}

/// <summary>One deployed version of a DMN decision.</summary>
/// <param name="Id">This version's id.</param>
/// <param name="DecisionId">The decision's id, which <c>zeebe:calledDecision decisionId</c> names.</param>
/// <param name="Version">The version, counted per decision id in the municipality.</param>
/// <param name="Name">The decision's name, or null.</param>
/// <param name="DeploymentId">The deployment that brought this version.</param>
public sealed record DecisionDefinitionInfo(Guid Id, string DecisionId, int Version, string? Name, Guid DeploymentId)
{
    /// <summary>When this version was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; init; }

    /// <summary>Who deployed it, or null.</summary>
    public string? DeployedBy { get; init; }

    /// <summary>The comment of the deployment that brought this version, or null.</summary>
    public string? DeploymentComment { get; init; }

    /// <summary>
    /// The process ids whose newest version has a business rule task that calls this decision id (a fixed
    /// <c>decisionId</c>; one given as a FEEL expression is known only at run time), sorted; the same for every version.
    /// </summary>
    public IReadOnlyList<string> CalledByProcesses { get; init; } = [];
}

/// <summary>One deployed version of a process.</summary>
public sealed record ProcessDefinitionInfo(Guid Id, string ProcessId, int Version, string? VersionTag, string? Name, Guid DeploymentId)
{
    /// <summary>When this version was deployed (UTC); filled by <see cref="IProcessEngine.ListProcessDefinitionsAsync"/>.</summary>
    public DateTimeOffset? DeployedAt { get; init; }

    /// <summary>Who deployed it, or null; filled by <see cref="IProcessEngine.ListProcessDefinitionsAsync"/>.</summary>
    public string? DeployedBy { get; init; }

    /// <summary>The comment of the deployment that brought this version, or null; filled by <see cref="IProcessEngine.ListProcessDefinitionsAsync"/>.</summary>
    public string? DeploymentComment { get; init; }
}

/// <summary>What to start.</summary>
public sealed record StartProcessInstanceRequest
{
    /// <summary>The BPMN process id; the latest version is started unless <see cref="ProcessDefinitionId"/> is given.</summary>
    public string? ProcessId { get; init; }

    /// <summary>A definition version to start, instead of the latest of <see cref="ProcessId"/>.</summary>
    public Guid? ProcessDefinitionId { get; init; }

    /// <summary>The business key, or null.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Start variables (CLR values, JSON nodes or elements).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>
    /// Variables the host sets beside the starter's (the Vorgang's <c>aktenzeichen</c>): not checked against the start
    /// form, which decides only what the starter sends; one of <see cref="Variables"/> with the same name wins.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? HostVariables { get; init; }

    /// <summary>Who starts, or null.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The id the new instance gets, or null for a new one. A caller that must record the instance elsewhere before
    /// its service tasks run (they run inside the start) chooses it; an id already taken fails the start as a conflict.
    /// </summary>
    public Guid? ProcessInstanceId { get; init; }
}

/// <summary>The state of a process instance.</summary>
public sealed record ProcessInstanceInfo(
    Guid Id,
    Guid ProcessDefinitionId,
    string ProcessId,
    string? BusinessKey,
    ProcessInstanceState State,
    int Revision,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentProcessInstanceId,
    IReadOnlyList<string> ActiveElementIds,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    IReadOnlyList<IncidentInfo> Incidents);

/// <summary>An incident.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="ProcessInstanceId">The instance, or null when no instance could be started (a timer start event).</param>
/// <param name="ElementId">Where it happened.</param>
/// <param name="Type">A stable type (see <see cref="Persistence.IncidentTypes"/>).</param>
/// <param name="Message">What went wrong.</param>
/// <param name="CreatedAt">When it was raised (or last failed again on a retry).</param>
/// <param name="JobId">The job it stopped, or null.</param>
/// <param name="ResolvedAt">When it was resolved, or null while open.</param>
/// <param name="ElementName">The element's name in the deployed model (for an unnamed sequence flow the name of the step it leaves), or null.</param>
/// <param name="ElementType">The element's BPMN kind (<c>serviceTask</c>, <c>sequenceFlow</c>, ...), or null when the model has no such element.</param>
public sealed record IncidentInfo(
    Guid Id,
    Guid? ProcessInstanceId,
    string ElementId,
    string Type,
    string Message,
    DateTimeOffset CreatedAt,
    Guid? JobId = null,
    DateTimeOffset? ResolvedAt = null,
    string? ElementName = null,
    string? ElementType = null);

/// <summary>What to retry: the incident, and optionally new job retries and variables that fix the cause.</summary>
/// <param name="IncidentId">The open incident.</param>
/// <param name="Retries">New retries of the failed job (at least 1; default: the engine's default retries). Only for incidents of a job.</param>
/// <param name="Variables">Variables to set first, from the element of the incident (into the nearest scope that has them, else the instance).</param>
/// <param name="UserId">Who retries, or null.</param>
public sealed record RetryIncidentRequest(Guid IncidentId, int? Retries = null, IReadOnlyDictionary<string, object?>? Variables = null, string? UserId = null);

/// <summary>Filters of <see cref="IProcessEngine.QueryUserTasksAsync"/>; all given filters must match. Only open tasks are returned.</summary>
public sealed record UserTaskQuery
{
    /// <summary>Tasks of this instance.</summary>
    public Guid? ProcessInstanceId { get; init; }

    /// <summary>Tasks assigned to this user.</summary>
    public string? Assignee { get; init; }

    /// <summary>Tasks this user may claim: assigned to them, or unassigned with them or one of <see cref="CandidateGroups"/> as candidate.</summary>
    public string? CandidateUser { get; init; }

    /// <summary>Groups of <see cref="CandidateUser"/> (or on their own: tasks with one of them as candidate group).</summary>
    public IReadOnlyList<string>? CandidateGroups { get; init; }

    /// <summary>Tasks at this element.</summary>
    public string? ElementId { get; init; }
}

/// <summary>Which open tasks <see cref="IProcessEngine.PageUserTasksAsync"/> returns; all given filters must match, none: every open task of the municipality.</summary>
public sealed record UserTaskPageQuery
{
    /// <summary>Tasks assigned to one of these users.</summary>
    public IReadOnlyList<string>? AssignedTo { get; init; }

    /// <summary>
    /// Unassigned tasks offered to one of these callers, by the rule of Camunda's task command checker: the caller is a
    /// candidate user, one of the caller's groups is a candidate group (ignoring case), or the task has no candidates
    /// and is offered to every clerk.
    /// </summary>
    public IReadOnlyList<TaskCaller>? OfferedTo { get; init; }

    /// <summary>Tasks, assigned or not, that name this candidate group (ignoring case), for example before a team is deleted.</summary>
    public string? CandidateGroup { get; init; }

    /// <summary>Tasks of instances of this process (its BPMN process id, any version); a process that is not deployed matches nothing.</summary>
    public string? ProcessId { get; init; }

    /// <summary>Tasks due at or after this instant.</summary>
    public DateTimeOffset? DueFrom { get; init; }

    /// <summary>Tasks due before this instant.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>True: only tasks without a due date (together with <see cref="DueFrom"/> or <see cref="DueBefore"/> nothing matches).</summary>
    public bool WithoutDueDate { get; init; }

    /// <summary>Tasks with a follow-up date (Wiedervorlage) before this instant.</summary>
    public DateTimeOffset? FollowUpBefore { get; init; }

    /// <summary>Tasks whose name contains this text, ignoring case (on SQLite only for ASCII letters); null or blank: no filter.</summary>
    public string? NameContains { get; init; }

    /// <summary>
    /// With <see cref="NameContains"/>: also the tasks of these instances and of the instances they called, whatever their
    /// name (the inbox finds a Vorgang's tasks by its Aktenzeichen or subject this way). At most 1,000 instances.
    /// </summary>
    public IReadOnlyCollection<Guid>? OrInProcessInstances { get; init; }

    /// <summary>The order of the result.</summary>
    public UserTaskSort Sort { get; init; }

    /// <summary>How many tasks of the sorted result to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many tasks to return at most; 0 counts only.</summary>
    public int Take { get; init; } = 25;
}

/// <summary>The order of <see cref="IProcessEngine.PageUserTasksAsync"/>; ties are broken by age, then id, so pages never overlap.</summary>
public enum UserTaskSort
{
    /// <summary>Due ones first, the earliest due date first, tasks without a due date last, then the oldest first.</summary>
    Due,

    /// <summary>The newest task first.</summary>
    Newest,

    /// <summary>The oldest task first.</summary>
    Oldest,
}

/// <summary>A page of open user tasks.</summary>
/// <param name="Tasks">The tasks of the page, in order.</param>
/// <param name="Total">How many tasks match in all.</param>
public sealed record UserTaskPage(IReadOnlyList<UserTaskInfo> Tasks, int Total);

/// <summary>A user task.</summary>
public sealed record UserTaskInfo(
    Guid Id,
    Guid ProcessInstanceId,
    string ElementId,
    string? Name,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueDate,
    DateTimeOffset? FollowUpDate,
    string? FormId,
    UserTaskState State,
    DateTimeOffset CreatedAt,
    Guid ProcessDefinitionId);

/// <summary>A message to deliver.</summary>
/// <param name="MessageName">The message name (the <c>name</c> of the BPMN message).</param>
/// <param name="CorrelationKey">The correlation key; must equal the subscription's evaluated key (null for message start events).</param>
/// <param name="Variables">Variables the message carries.</param>
/// <param name="UserId">Who delivers, or null.</param>
/// <param name="ProcessInstanceId">Only this instance may receive the message (and no process is started), or null for any.</param>
public sealed record CorrelateMessageRequest(string MessageName, string? CorrelationKey, IReadOnlyDictionary<string, object?>? Variables = null, string? UserId = null, Guid? ProcessInstanceId = null);

/// <summary>A message an instance waits for.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="ProcessInstanceId">The waiting instance.</param>
/// <param name="MessageName">The message name (the <c>name</c> of the BPMN message).</param>
/// <param name="CorrelationKey">The evaluated correlation key a correlation must give.</param>
/// <param name="ElementId">The waiting element (catch event, receive task or boundary event).</param>
/// <param name="ElementName">Its name in the deployed model, or null.</param>
/// <param name="ElementType">Its BPMN kind (<c>intermediateCatchEvent</c>, <c>receiveTask</c>, <c>boundaryEvent</c>), or null.</param>
/// <param name="CreatedAt">Since when it waits.</param>
public sealed record MessageSubscriptionInfo(
    Guid Id,
    Guid ProcessInstanceId,
    string MessageName,
    string? CorrelationKey,
    string ElementId,
    string? ElementName,
    string? ElementType,
    DateTimeOffset CreatedAt);

/// <summary>The outcome of a correlation.</summary>
/// <param name="Correlated">True when an instance received the message or was started by it.</param>
/// <param name="ProcessInstanceId">That instance, or null.</param>
/// <param name="StartedNewInstance">True when a message start event started the instance.</param>
public sealed record MessageCorrelationResult(bool Correlated, Guid? ProcessInstanceId, bool StartedNewInstance);

/// <summary>A message to publish (see <see cref="IProcessEngine.PublishMessageAsync"/>).</summary>
/// <param name="MessageName">The message name.</param>
/// <param name="CorrelationKey">The correlation key; null or empty for a message that only starts instances.</param>
/// <param name="TimeToLive">How long it is kept for subscriptions that open later; zero: delivered now or never.</param>
/// <param name="MessageId">The publisher's id for idempotency, or null.</param>
/// <param name="Variables">Variables it carries into the instance.</param>
/// <param name="UserId">Who publishes, or null.</param>
public sealed record PublishMessageRequest(
    string MessageName,
    string? CorrelationKey,
    TimeSpan TimeToLive,
    string? MessageId = null,
    IReadOnlyDictionary<string, object?>? Variables = null,
    string? UserId = null);

/// <summary>What a publication did.</summary>
/// <param name="MessageKey">The message's key.</param>
/// <param name="ProcessInstanceIds">The instances that received it at once (waiting or started).</param>
/// <param name="Buffered">True when it is kept for its time to live.</param>
public sealed record MessagePublicationResult(Guid MessageKey, IReadOnlyList<Guid> ProcessInstanceIds, bool Buffered);

/// <summary>A signal to broadcast (see <see cref="IProcessEngine.BroadcastSignalAsync"/>).</summary>
/// <param name="SignalName">The signal name.</param>
/// <param name="Variables">Variables it carries into the receiving instances.</param>
/// <param name="UserId">Who broadcasts, or null.</param>
public sealed record BroadcastSignalRequest(string SignalName, IReadOnlyDictionary<string, object?>? Variables = null, string? UserId = null);

/// <summary>What a broadcast returned.</summary>
/// <param name="SignalKey">The broadcast's key.</param>
public sealed record SignalBroadcastResult(Guid SignalKey);

/// <summary>Inner elements to activate in an active ad-hoc sub-process (see <see cref="IProcessEngine.ActivateAdHocActivitiesAsync"/>).</summary>
/// <param name="AdHocSubProcessInstanceKey">The execution (element instance) of the ad-hoc sub-process.</param>
/// <param name="Elements">The elements to activate, in order.</param>
/// <param name="UserId">Who activates, or null.</param>
public sealed record ActivateAdHocActivitiesRequest(Guid AdHocSubProcessInstanceKey, IReadOnlyList<AdHocActivity> Elements, string? UserId = null);

/// <summary>One element to activate.</summary>
/// <param name="ElementId">The inner element's id.</param>
/// <param name="Variables">Variables created local to the activated element, or null.</param>
public sealed record AdHocActivity(string ElementId, IReadOnlyDictionary<string, object?>? Variables = null);

/// <summary>Filters of <see cref="IProcessEngine.QueryIncidentsAsync"/>; all given filters must match.</summary>
public sealed record IncidentQuery
{
    /// <summary>True: open only; false: resolved only; null: both.</summary>
    public bool? Open { get; init; }

    /// <summary>Incidents of this process (BPMN process id, any version).</summary>
    public string? ProcessId { get; init; }

    /// <summary>Incidents at this element.</summary>
    public string? ElementId { get; init; }

    /// <summary>How many to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>How many at most (paging).</summary>
    public int Take { get; init; } = 50;
}

/// <summary>Where a job stands.</summary>
public enum JobState
{
    /// <summary>Due now or later, not locked.</summary>
    Waiting,

    /// <summary>Locked by a job executor or worker whose lock has not expired.</summary>
    Locked,

    /// <summary>No retries left: an incident stopped it.</summary>
    Failed,
}

/// <summary>Filters of <see cref="IProcessEngine.QueryJobsAsync"/>; all given filters must match.</summary>
public sealed record JobQuery
{
    /// <summary>Jobs in this state, or all.</summary>
    public JobState? State { get; init; }

    /// <summary>Jobs of this process (BPMN process id, any version).</summary>
    public string? ProcessId { get; init; }

    /// <summary>Jobs of this element.</summary>
    public string? ElementId { get; init; }

    /// <summary>Jobs of this instance.</summary>
    public Guid? ProcessInstanceId { get; init; }

    /// <summary>How many to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>How many at most (paging).</summary>
    public int Take { get; init; } = 50;
}

/// <summary>One job as the operator sees it.</summary>
/// <param name="Id">The job.</param>
/// <param name="Kind">Timer, TimerStart, ServiceTask, ExternalTask, AsyncContinuation or SignalBroadcast.</param>
/// <param name="ProcessInstanceId">Its instance, or null (timer start, signal).</param>
/// <param name="ElementId">Its element.</param>
/// <param name="JobType">The job type (service tasks), continuation side or signal name.</param>
/// <param name="DueAt">When it is due (UTC).</param>
/// <param name="Retries">Retries left.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="State">Where it stands.</param>
/// <param name="LockOwner">Who holds it, or null.</param>
/// <param name="LockExpiresAt">Until when, or null.</param>
/// <param name="LastError">The last failure, or null.</param>
public sealed record JobInfo(
    Guid Id,
    string Kind,
    Guid? ProcessInstanceId,
    string ElementId,
    string? JobType,
    DateTimeOffset DueAt,
    int Retries,
    int Priority,
    JobState State,
    string? LockOwner,
    DateTimeOffset? LockExpiresAt,
    string? LastError);

/// <summary>How a job executor acquires jobs.</summary>
/// <param name="LockOwner">The executor's name (unique per process), written on the jobs it locks.</param>
/// <param name="MaxJobs">How many due jobs to acquire at most.</param>
public sealed record JobAcquisition(string LockOwner, int MaxJobs);

/// <summary>What one run of the due jobs did.</summary>
/// <param name="Executed">Jobs that ran successfully, continuations included.</param>
/// <param name="Failed">Jobs that failed (retried later or turned into an incident).</param>
/// <param name="Continued">
/// Jobs that ran as continuations: made due by the command of an earlier job of the same instance and run in the same
/// pass without being acquired again (counted in <paramref name="Executed"/> or <paramref name="Failed"/> as well).
/// </param>
public sealed record JobExecutionSummary(int Executed, int Failed, int Continued = 0);

/// <summary>A job locked for a job executor, not yet run.</summary>
/// <param name="Id">The job.</param>
/// <param name="ProcessInstanceId">Its instance (jobs of one instance run one after another), or null (timer start, signal broadcast).</param>
/// <param name="IsSignalBroadcast">A signal broadcast, delivered to each receiver in its own transaction.</param>
public sealed record AcquiredJob(Guid Id, Guid? ProcessInstanceId, bool IsSignalBroadcast);

/// <summary>How an acquired job ended.</summary>
public enum AcquiredJobOutcome
{
    /// <summary>It ran and committed.</summary>
    Executed,

    /// <summary>It failed: retried later, released after a conflict, or turned into an incident.</summary>
    Failed,

    /// <summary>It was gone or no longer locked by this owner (its token moved on, or its lock expired and another executor took it).</summary>
    Skipped,
}

/// <summary>What running one acquired job did.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Continuations">Jobs of the same instance its command made due and locked for the same owner: run them next, in this order.</param>
public sealed record AcquiredJobResult(AcquiredJobOutcome Outcome, IReadOnlyList<AcquiredJob> Continuations);

/// <summary>One history event.</summary>
/// <param name="Sequence">Its place in the instance's history.</param>
/// <param name="Type">A stable type (see <see cref="Persistence.HistoryEventTypes"/>).</param>
/// <param name="Timestamp">When it happened (UTC).</param>
/// <param name="UserId">Who caused it, or null for the engine itself.</param>
/// <param name="ElementId">The element (flow node, or the process for instance events), or null.</param>
/// <param name="ElementType">The BPMN element's local name (<c>userTask</c>, <c>process</c>), or null.</param>
/// <param name="VariablesBefore">Changed variables before, or null.</param>
/// <param name="VariablesAfter">Changed variables after, or null.</param>
/// <param name="Detail">A type-specific detail, or null.</param>
/// <param name="ElementName">The element's name in the deployed model, or null when it has none.</param>
public sealed record HistoryEventInfo(
    long Sequence,
    string Type,
    DateTimeOffset Timestamp,
    string? UserId,
    string? ElementId,
    string? ElementType,
    JsonNode? VariablesBefore,
    JsonNode? VariablesAfter,
    string? Detail,
    string? ElementName = null);

/// <summary>
/// Moves the due date of a waiting timer: either <see cref="JobId"/>, or <see cref="ProcessInstanceId"/> with the
/// <see cref="ElementId"/> of the timer event.
/// </summary>
public sealed record ChangeTimerDueDateRequest
{
    /// <summary>The timer job, when known.</summary>
    public Guid? JobId { get; init; }

    /// <summary>The instance whose timer moves (with <see cref="ElementId"/>).</summary>
    public Guid? ProcessInstanceId { get; init; }

    /// <summary>The id of the timer event (with <see cref="ProcessInstanceId"/>).</summary>
    public string? ElementId { get; init; }

    /// <summary>The new due date; must lie in the future.</summary>
    public required DateTimeOffset NewDueAt { get; init; }

    /// <summary>Who moves the deadline (recorded in history).</summary>
    public string? UserId { get; init; }

    /// <summary>Why (recorded in history), e.g. "Frist auf Antrag verlängert".</summary>
    public string? Reason { get; init; }
}

/// <summary>A waiting timer after its due date moved.</summary>
public sealed record TimerInfo(Guid JobId, Guid ProcessInstanceId, string ElementId, DateTimeOffset DueAt);

/// <summary>
/// External jobs: service tasks whose job type has no in-process handler are worked by programs outside the server
/// (Camunda 8 style workers). A worker activates (locks) jobs of a type for a while, then completes, fails or throws a
/// BPMN error; only the lock holder may, and only while its lock lasts. Every call is one command for the tenant of
/// the current scope; another municipality's job is not found.
/// </summary>
public interface IExternalJobs
{
    /// <summary>Locks up to <see cref="ExternalJobActivation.MaxJobs"/> due jobs of the type for the worker.</summary>
    Task<IReadOnlyList<ActivatedExternalJob>> ActivateAsync(ExternalJobActivation request, CancellationToken cancellationToken = default);

    /// <summary>Completes a locked job with variables; the process goes on.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such external job (also: another municipality's).</exception>
    /// <exception cref="ExternalJobLockException">The caller does not hold the job's lock (never had it, or it expired).</exception>
    Task CompleteAsync(Guid jobId, string lockOwner, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken = default);

    /// <summary>Records a failure: the retries left (0 raises an incident), the message and when to offer the job again.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such external job.</exception>
    /// <exception cref="ExternalJobLockException">The caller does not hold the job's lock.</exception>
    Task<IncidentInfo?> FailAsync(ExternalJobFailure failure, CancellationToken cancellationToken = default);

    /// <summary>
    /// Throws a BPMN error at the job's task: an error boundary event or error event sub-process with the code
    /// catches it; uncaught, the job stops with an incident (<see cref="ProcessIncidentException"/>).
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such external job.</exception>
    /// <exception cref="ExternalJobLockException">The caller does not hold the job's lock.</exception>
    Task ThrowErrorAsync(Guid jobId, string lockOwner, string errorCode, string? errorMessage, CancellationToken cancellationToken = default);

    /// <summary>Changes the retries and/or extends the lock of an activated job to <c>now + timeout</c>.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such external job.</exception>
    /// <exception cref="ExternalJobLockException">A timeout was given for a job that is not locked (by anyone).</exception>
    Task UpdateAsync(Guid jobId, int? retries, TimeSpan? timeout, CancellationToken cancellationToken = default);
}

/// <summary>What a worker asks for: jobs of one type, locked under its lock owner for the timeout.</summary>
/// <param name="JobType">The job type.</param>
/// <param name="LockOwner">Who locks (the host combines caller and worker name); later calls must present the same.</param>
/// <param name="Worker">The worker's name as it gave it.</param>
/// <param name="Timeout">How long the lock lasts.</param>
/// <param name="MaxJobs">At most this many jobs.</param>
/// <param name="FetchVariables">Only these variables, or all when null or empty.</param>
public sealed record ExternalJobActivation(string JobType, string LockOwner, string Worker, TimeSpan Timeout, int MaxJobs, IReadOnlyList<string>? FetchVariables);

/// <summary>An activated external job with what its worker needs.</summary>
public sealed record ActivatedExternalJob(
    Guid JobId,
    string JobType,
    Guid ProcessInstanceId,
    Guid ProcessDefinitionId,
    string ProcessId,
    int ProcessDefinitionVersion,
    string ElementId,
    Guid ExecutionId,
    IReadOnlyDictionary<string, string> Headers,
    string Worker,
    int Retries,
    DateTimeOffset LockExpiresAt,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    Guid TenantId);

/// <summary>A failed attempt of an external job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="LockOwner">The lock owner it was activated under.</param>
/// <param name="Retries">Retries left; 0 raises an incident.</param>
/// <param name="ErrorMessage">What went wrong.</param>
/// <param name="RetryBackOff">How long to wait before the job is offered again.</param>
public sealed record ExternalJobFailure(Guid JobId, string LockOwner, int Retries, string? ErrorMessage, TimeSpan RetryBackOff);

/// <summary>What to evaluate (see <see cref="IProcessEngine.EvaluateConditionalStartEventsAsync"/>).</summary>
/// <param name="Variables">The variables the conditions read; they become the started instances' variables.</param>
/// <param name="ProcessDefinitionId">Only this definition's conditional start events, or null for every process of the municipality.</param>
/// <param name="UserId">Who evaluates, or null.</param>
public sealed record EvaluateConditionalStartEventsRequest(IReadOnlyDictionary<string, object?>? Variables, Guid? ProcessDefinitionId = null, string? UserId = null);

/// <summary>What an evaluation of conditional start events started.</summary>
/// <param name="EvaluationKey">The evaluation's key.</param>
/// <param name="ProcessInstances">The instances started, with their definitions; empty when no condition held.</param>
public sealed record ConditionalStartEvaluationResult(Guid EvaluationKey, IReadOnlyList<ConditionalStart> ProcessInstances);

/// <summary>One instance started by a conditional start event.</summary>
/// <param name="ProcessDefinitionId">Its definition.</param>
/// <param name="ProcessInstanceId">The instance.</param>
public sealed record ConditionalStart(Guid ProcessDefinitionId, Guid ProcessInstanceId);

/// <summary>Filters of <see cref="IProcessEngine.QueryProcessInstancesAsync"/>; all given filters must match.</summary>
public sealed record ProcessInstanceQuery
{
    /// <summary>Instances of this process (BPMN process id, any version).</summary>
    public string? ProcessId { get; init; }

    /// <summary>Instances running on this version number of their process (with <see cref="ProcessId"/>, one version of one process).</summary>
    public int? Version { get; init; }

    /// <summary>Instances in this state (<see cref="ProcessInstanceState.Active"/> includes running instances with an incident).</summary>
    public ProcessInstanceState? State { get; init; }

    /// <summary>True: only instances with an open incident; false: only instances without.</summary>
    public bool? HasIncident { get; init; }

    /// <summary>Instances with exactly this business key (for example an Aktenzeichen).</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Instances started at or after this instant.</summary>
    public DateTimeOffset? StartedFrom { get; init; }

    /// <summary>Instances started before this instant.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>How many to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>How many at most (paging).</summary>
    public int Take { get; init; } = 50;
}

/// <summary>The instances of one definition version by state (see <see cref="IProcessEngine.CountProcessInstancesAsync"/>).</summary>
/// <param name="ProcessDefinitionId">The definition version.</param>
/// <param name="Running">Active instances, those with an incident included.</param>
/// <param name="Completed">Instances that ended normally.</param>
/// <param name="Canceled">Instances that were cancelled.</param>
/// <param name="WithIncident">Active instances with at least one open incident.</param>
public sealed record ProcessInstanceCounts(Guid ProcessDefinitionId, int Running, int Completed, int Canceled, int WithIncident);

/// <summary>One process instance in a list (see <see cref="IProcessEngine.QueryProcessInstancesAsync"/>).</summary>
/// <param name="Id">The instance.</param>
/// <param name="ProcessId">The BPMN process id.</param>
/// <param name="ProcessDefinitionId">The definition version it runs on.</param>
/// <param name="Version">That version's number.</param>
/// <param name="BusinessKey">The business key (for example an Aktenzeichen), or null.</param>
/// <param name="State">Running or ended.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="EndedAt">When it ended (UTC), or null.</param>
/// <param name="ParentProcessInstanceId">The instance that called it, or null.</param>
/// <param name="OpenIncidents">How many of its incidents are open.</param>
public sealed record ProcessInstanceSummary(
    Guid Id,
    string ProcessId,
    Guid ProcessDefinitionId,
    int Version,
    string? BusinessKey,
    ProcessInstanceState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentProcessInstanceId,
    int OpenIncidents);

/// <summary>Filters of <see cref="IProcessEngine.QueryElementInstancesAsync"/>; all given filters must match.</summary>
public sealed record ElementInstanceQuery
{
    /// <summary>The element instance with this key.</summary>
    public Guid? ElementInstanceId { get; init; }

    /// <summary>Element instances of this process instance.</summary>
    public Guid? ProcessInstanceId { get; init; }

    /// <summary>Element instances of this BPMN element (for the process instance itself: the process id).</summary>
    public string? ElementId { get; init; }

    /// <summary>Element instances of this type (see <see cref="ElementInstanceInfo.ElementType"/>).</summary>
    public string? ElementType { get; init; }

    /// <summary>Element instances of instances of this process (BPMN process id, any version).</summary>
    public string? ProcessId { get; init; }

    /// <summary>Element instances of instances of this definition version.</summary>
    public Guid? ProcessDefinitionId { get; init; }

    /// <summary>True: only element instances with an open incident; false: only those without.</summary>
    public bool? HasIncident { get; init; }

    /// <summary>How many to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>How many at most (paging).</summary>
    public int Take { get; init; } = 100;
}

/// <summary>One page of <see cref="IProcessEngine.QueryElementInstancesAsync"/>.</summary>
/// <param name="Items">The element instances of the page.</param>
/// <param name="Total">How many match the query in all.</param>
public sealed record ElementInstancePage(IReadOnlyList<ElementInstanceInfo> Items, int Total);

/// <summary>An active element instance: a token at an element, a multi-instance body, or the process instance itself.</summary>
/// <param name="Id">Its key (the execution id); e.g. the key the ad-hoc activation takes.</param>
/// <param name="ProcessInstanceId">The instance.</param>
/// <param name="ProcessDefinitionId">The definition version the instance runs on.</param>
/// <param name="ProcessId">The BPMN process id.</param>
/// <param name="ElementId">The BPMN element (for the process instance itself: the process id).</param>
/// <param name="ElementName">The element's name in the model, or null.</param>
/// <param name="ElementType">The BPMN element's local name (<c>userTask</c>, <c>adHocSubProcess</c>, <c>process</c>), <c>eventSubProcess</c> for a sub-process an event starts, <c>multiInstanceBody</c>, or <c>adHocSubProcessInnerInstance</c> for one activation inside an ad-hoc sub-process.</param>
/// <param name="StartedAt">When the token entered the element (UTC).</param>
/// <param name="IncidentId">The oldest open incident at the element in this instance, or null.</param>
public sealed record ElementInstanceInfo(
    Guid Id,
    Guid ProcessInstanceId,
    Guid ProcessDefinitionId,
    string ProcessId,
    string ElementId,
    string? ElementName,
    string ElementType,
    DateTimeOffset StartedAt,
    Guid? IncidentId);

/// <summary>Trouble of one tenant (see <see cref="IProcessEngine.CountTroubleByTenantAsync"/>).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OpenIncidents">Its open incidents.</param>
/// <param name="FailedJobs">Its jobs with retries used up or whose last attempt failed.</param>
public sealed record TenantTrouble(Guid TenantId, int OpenIncidents, int FailedJobs);

/// <summary>Which incidents <see cref="IProcessEngine.QueryIncidentOverviewsAsync"/> returns.</summary>
public sealed record IncidentOverviewQuery
{
    /// <summary>Only this incident, open or resolved; null: the open ones.</summary>
    public Guid? Id { get; init; }

    /// <summary>How many to skip (paging).</summary>
    public int Skip { get; init; }

    /// <summary>How many at most (paging).</summary>
    public int Take { get; init; } = 50;
}

/// <summary>An incident with where it happened in which process version and the job it stopped; no variables, no business key.</summary>
/// <param name="Id">The incident.</param>
/// <param name="ProcessId">The BPMN process id.</param>
/// <param name="ProcessName">The process's name in the model, or null.</param>
/// <param name="ProcessVersion">The version of the process definition.</param>
/// <param name="ElementId">The element where it happened.</param>
/// <param name="ElementName">The element's name in the model, or null.</param>
/// <param name="ElementType">The element's BPMN kind, or null.</param>
/// <param name="Type">A stable type (see <see cref="Persistence.IncidentTypes"/>).</param>
/// <param name="Message">The message as the engine recorded it; it may quote values of the instance.</param>
/// <param name="CreatedAt">When it was raised.</param>
/// <param name="ResolvedAt">When it was resolved, or null while open.</param>
/// <param name="JobId">The job it stopped, or null.</param>
/// <param name="JobKind">That job's kind, or null.</param>
/// <param name="JobType">That job's type (a service task's), or null.</param>
/// <param name="JobRetries">That job's retries left, or null.</param>
public sealed record IncidentOverview(
    Guid Id,
    string ProcessId,
    string? ProcessName,
    int ProcessVersion,
    string ElementId,
    string? ElementName,
    string? ElementType,
    string Type,
    string Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    Guid? JobId,
    string? JobKind,
    string? JobType,
    int? JobRetries);
