using System.Text.Json;
using Amtsweg.Engine;

namespace Amtsweg.Server.Features.WorkerApi.SearchElementInstances;

/// <summary>Camunda 8's <c>ElementInstanceSearchQuery</c>: filter, page (offset paging), sort (not supported here).</summary>
public sealed record ElementInstanceSearchQuery(ElementInstanceFilter? Filter, SearchQueryPageRequest? Page, JsonElement? Sort);

/// <summary>Camunda 8's <c>ElementInstanceFilter</c>; all given fields must match. Keys are strings.</summary>
public sealed record ElementInstanceFilter(
    string? ProcessDefinitionId,
    string? State,
    string? Type,
    string? ElementId,
    string? ElementName,
    bool? HasIncident,
    string? IncidentKey,
    string? TenantId,
    string? ElementInstanceKey,
    string? ProcessInstanceKey,
    string? ProcessDefinitionKey);

/// <summary>Camunda 8's page request: <c>from</c> and <c>limit</c>; the cursors <c>after</c>/<c>before</c> are not supported here.</summary>
public sealed record SearchQueryPageRequest(int? From, int? Limit, string? After, string? Before);

/// <summary>Camunda 8's <c>ElementInstanceSearchQueryResult</c>.</summary>
public sealed record ElementInstanceSearchQueryResult(IReadOnlyList<ElementInstanceResult> Items, SearchQueryPageResponse Page);

/// <summary>Camunda 8's page response (offset paging: no cursors).</summary>
public sealed record SearchQueryPageResponse(int TotalItems, string? StartCursor = null, string? EndCursor = null);

/// <summary>
/// Camunda 8's <c>ElementInstanceResult</c>. Only active element instances exist here (see
/// <see cref="IProcessEngine.QueryElementInstancesAsync"/>), so <c>state</c> is always <c>ACTIVE</c> and <c>endDate</c> null.
/// </summary>
public sealed record ElementInstanceResult(
    string ElementInstanceKey,
    string ElementId,
    string? ElementName,
    string Type,
    string State,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate,
    bool HasIncident,
    string? IncidentKey,
    string ProcessInstanceKey,
    string ProcessDefinitionKey,
    string ProcessDefinitionId,
    string TenantId)
{
    /// <summary>The element instance as Camunda shows it, in the client's municipality.</summary>
    public static ElementInstanceResult From(ElementInstanceInfo info, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new ElementInstanceResult(
            info.Id.ToString(),
            info.ElementId,
            info.ElementName,
            ElementInstanceTypes.ToCamunda(info.ElementType),
            ElementInstanceTypes.Active,
            info.StartedAt,
            null,
            info.IncidentId is not null,
            info.IncidentId?.ToString(),
            info.ProcessInstanceId.ToString(),
            info.ProcessDefinitionId.ToString(),
            info.ProcessId,
            tenantId.ToString());
    }
}

/// <summary>Camunda 8's element instance types and states, mapped to the engine's element types (BPMN local names).</summary>
public static class ElementInstanceTypes
{
    /// <summary>The only state an element instance has here.</summary>
    public const string Active = "ACTIVE";

    /// <summary>Camunda's type for an element it has no type for (e.g. a transaction or a complex gateway).</summary>
    public const string Unknown = "UNKNOWN";

    private static readonly Dictionary<string, string> ByEngineType = new(StringComparer.Ordinal)
    {
        ["process"] = "PROCESS",
        ["subProcess"] = "SUB_PROCESS",
        ["eventSubProcess"] = "EVENT_SUB_PROCESS",
        ["adHocSubProcess"] = "AD_HOC_SUB_PROCESS",
        ["startEvent"] = "START_EVENT",
        ["intermediateCatchEvent"] = "INTERMEDIATE_CATCH_EVENT",
        ["intermediateThrowEvent"] = "INTERMEDIATE_THROW_EVENT",
        ["boundaryEvent"] = "BOUNDARY_EVENT",
        ["endEvent"] = "END_EVENT",
        ["serviceTask"] = "SERVICE_TASK",
        ["receiveTask"] = "RECEIVE_TASK",
        ["userTask"] = "USER_TASK",
        ["manualTask"] = "MANUAL_TASK",
        ["task"] = "TASK",
        ["exclusiveGateway"] = "EXCLUSIVE_GATEWAY",
        ["inclusiveGateway"] = "INCLUSIVE_GATEWAY",
        ["parallelGateway"] = "PARALLEL_GATEWAY",
        ["eventBasedGateway"] = "EVENT_BASED_GATEWAY",
        ["multiInstanceBody"] = "MULTI_INSTANCE_BODY",
        ["adHocSubProcessInnerInstance"] = "AD_HOC_SUB_PROCESS_INNER_INSTANCE",
        ["callActivity"] = "CALL_ACTIVITY",
        ["businessRuleTask"] = "BUSINESS_RULE_TASK",
        ["scriptTask"] = "SCRIPT_TASK",
        ["sendTask"] = "SEND_TASK",
    };

    private static readonly Dictionary<string, string> ByCamundaType = ByEngineType.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Camunda's type of an engine element type.</summary>
    public static string ToCamunda(string engineType) => ByEngineType.GetValueOrDefault(engineType, Unknown);

    /// <summary>The engine's element type of a Camunda type, or null when there is none.</summary>
    public static string? FromCamunda(string camundaType) => ByCamundaType.GetValueOrDefault(camundaType);
}
