using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.ActivateAdHocActivities;

/// <summary>
/// <c>POST /v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation</c> (scope
/// <c>process-instances</c>): activates inner elements of an active ad-hoc sub-process (204). The key is the
/// sub-process's element instance (the engine's execution id); an element that cannot be activated is a 400, a key
/// that names no active ad-hoc sub-process of the municipality a 404, as in Camunda 8.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation", ActivateAsync).WithName("V2ActivateAdHocSubProcessActivities")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ActivateAsync(
        string adHocSubProcessInstanceKey, AdHocSubProcessActivateActivitiesInstruction request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(adHocSubProcessInstanceKey, out var key))
        {
            return NotFound(adHocSubProcessInstanceKey);
        }

        if (request.Elements is not { Count: > 0 } elements || elements.Any(e => string.IsNullOrWhiteSpace(e.ElementId)))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "elements muss mindestens ein Element mit elementId nennen.");
        }

        // Newer Camunda REST APIs carry this flag; here the sub-process's own cancelRemainingInstances attribute decides.
        if (request.CancelRemainingInstances == true)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "cancelRemainingInstances wird hier nicht unterstützt; es gilt das Attribut des Ad-hoc-Teilprozesses.");
        }

        var activities = elements.Select(e => new AdHocActivity(e.ElementId!, ProcessesApi.ToVariables(e.Variables))).ToList();
        try
        {
            await engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(key, activities, client.Identity!.Name), cancellationToken);
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound(adHocSubProcessInstanceKey);
        }
        catch (InvalidEngineStateException invalid)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", invalid.Message);
        }

        return TypedResults.NoContent();
    }

    private static IResult NotFound(string key) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, $"Der Ad-hoc-Teilprozess {key} wurde nicht gefunden oder ist nicht aktiv.");
}
