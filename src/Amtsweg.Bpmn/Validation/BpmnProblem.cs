namespace Amtsweg.Bpmn.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum BpmnProblemSeverity
{
    /// <summary>The model cannot be executed as it is.</summary>
    Error,

    /// <summary>The model can be executed, but probably not as intended.</summary>
    Warning,
}

/// <summary>One finding of <see cref="BpmnValidator"/>, with position and messages in German and English.</summary>
/// <param name="Code">A stable code from <see cref="BpmnProblemCodes"/>.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="ElementId">The id of the element concerned, or null.</param>
/// <param name="Line">Line of the element in the source (0 when unknown).</param>
/// <param name="Column">Column of the element in the source (0 when unknown).</param>
/// <param name="MessageGerman">The message for users, in German.</param>
/// <param name="MessageEnglish">The same message in English.</param>
public sealed record BpmnProblem(
    string Code,
    BpmnProblemSeverity Severity,
    string? ElementId,
    int Line,
    int Column,
    string MessageGerman,
    string MessageEnglish)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Severity} {Code} {ElementId ?? "-"} ({Line}:{Column}): {MessageEnglish}";
}

/// <summary>The stable codes of validation problems.</summary>
public static class BpmnProblemCodes
{
    /// <summary>A process has <c>isExecutable="false"</c>.</summary>
    public const string ProcessNotExecutable = "BPMN100";

    /// <summary>An element the engine does not execute.</summary>
    public const string UnsupportedElement = "BPMN101";

    /// <summary>A diverging exclusive or inclusive gateway has an outgoing flow without condition that is not the default.</summary>
    public const string GatewayFlowWithoutCondition = "BPMN102";

    /// <summary>A flow node that needs an incoming sequence flow has none.</summary>
    public const string MissingIncomingFlow = "BPMN103";

    /// <summary>A flow node that needs an outgoing sequence flow has none.</summary>
    public const string MissingOutgoingFlow = "BPMN104";

    /// <summary>A user task has no form (checked when <see cref="BpmnValidationOptions.RequireUserTaskForm"/> is set).</summary>
    public const string MissingUserTaskForm = "BPMN105";

    /// <summary>A timer has no expression or one that is not ISO 8601 (date, duration, repeating interval), cron or FEEL.</summary>
    public const string InvalidTimerExpression = "BPMN106";

    /// <summary>A FEEL expression (condition, mapping, ...) does not parse.</summary>
    public const string FeelSyntaxError = "BPMN107";

    /// <summary>A call activity calls a process id that is neither in the file nor known to the resolver.</summary>
    public const string UnknownCalledProcess = "BPMN108";

    /// <summary>A cycle of sequence flows contains no wait state, so a token may loop for ever.</summary>
    public const string CycleWithoutWaitState = "BPMN109";

    /// <summary>A reference (source, target, attached activity, default flow) does not resolve.</summary>
    public const string UnresolvedReference = "BPMN110";

    /// <summary>An executable process has no start event.</summary>
    public const string MissingStartEvent = "BPMN111";

    /// <summary>Two elements share an id.</summary>
    public const string DuplicateId = "BPMN112";

    /// <summary>A call activity names no process to call.</summary>
    public const string MissingCalledElement = "BPMN113";

    /// <summary>A service, send or script task has no job type (<c>zeebe:taskDefinition</c>) and no other implementation.</summary>
    public const string MissingJobType = "BPMN114";

    /// <summary>
    /// An event definition or task lacks what the engine correlates on: a named message (message events, receive
    /// tasks), a named signal, an error code on a thrown error, an escalation code on a thrown escalation.
    /// </summary>
    public const string IncompleteEventDefinition = "BPMN115";

    /// <summary>A sequence flow connects nodes of different scopes, or a boundary event sits in another scope than its activity.</summary>
    public const string CrossesScope = "BPMN116";

    /// <summary>A condition is not FEEL (does not start with <c>=</c>), for example Camunda 7 JUEL <c>${approved}</c>; as a literal it can never be true.</summary>
    public const string ConditionNotFeel = "BPMN117";

    /// <summary>
    /// The in-process handler of a task's job type refuses the task's configuration, e.g. a missing or invalid
    /// <c>zeebe:taskHeaders</c> entry. Reported by the engine at deployment, which knows the handlers.
    /// </summary>
    public const string InvalidTaskHeaders = "BPMN118";

    /// <summary>
    /// The file was not read in the encoding it declares: a byte order mark contradicted the declaration, or the bytes
    /// did not fit it (for example windows-1252 declared as UTF-8) and were read as UTF-8 or windows-1252. A warning
    /// from <see cref="Reading.BpmnReader"/>; check the umlauts.
    /// </summary>
    public const string EncodingNotAsDeclared = "BPMN119";
}
