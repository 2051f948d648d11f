using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.ActivateAdHocActivities;

/// <summary>Camunda 8's <c>AdHocSubProcessActivateActivitiesInstruction</c>.</summary>
public sealed record AdHocSubProcessActivateActivitiesInstruction(IReadOnlyList<AdHocSubProcessActivateActivityReference>? Elements, bool? CancelRemainingInstances);

/// <summary>Camunda 8's <c>AdHocSubProcessActivateActivityReference</c>: an inner element and the variables it starts with.</summary>
public sealed record AdHocSubProcessActivateActivityReference(string? ElementId, Dictionary<string, JsonElement>? Variables);
