using System.Security.Claims;
using System.Text.Json;
using Amtsweg.Engine;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.SearchElementInstances;

/// <summary>
/// <c>POST /v2/element-instances/search</c> (scope <c>process-instances</c>): the active element instances of the
/// municipality matching the filter, one page (offset paging with <c>from</c>/<c>limit</c>). The keys it gives are
/// what <c>GET /v2/element-instances/{key}</c> and the ad-hoc activation take. Completed and terminated element
/// instances are not kept under a key here (they are in the instance's history), so asking for them is a 400.
/// </summary>
internal static class Endpoint
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    private const int DefaultLimit = 100;

    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/element-instances/search", SearchAsync).WithName("V2SearchElementInstances")
            .Produces<ElementInstanceSearchQueryResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> SearchAsync(ElementInstanceSearchQuery? request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        var filter = request?.Filter;
        if (WorkerApiEndpoints.ForeignTenant(filter?.TenantId, tenantId) is { } foreign)
        {
            return foreign;
        }

        if (Validate(request) is { } invalid)
        {
            return Invalid(invalid);
        }

        string? type = null;
        if (filter?.Type is { } camundaType && (type = ElementInstanceTypes.FromCamunda(camundaType)) is null)
        {
            return Invalid($"Der Typ „{camundaType}“ ist kein Typ einer Elementinstanz, den es hier gibt.");
        }

        if (!TryKey(filter?.ElementInstanceKey, "elementInstanceKey", out var elementInstanceId, out invalid)
            || !TryKey(filter?.ProcessInstanceKey, "processInstanceKey", out var processInstanceId, out invalid)
            || !TryKey(filter?.ProcessDefinitionKey, "processDefinitionKey", out var processDefinitionId, out invalid))
        {
            return Invalid(invalid!);
        }

        var limit = request?.Page?.Limit ?? DefaultLimit;
        var page = await engine.QueryElementInstancesAsync(new ElementInstanceQuery
        {
            ElementInstanceId = elementInstanceId,
            ProcessInstanceId = processInstanceId,
            ProcessDefinitionId = processDefinitionId,
            ProcessId = filter?.ProcessDefinitionId,
            ElementId = filter?.ElementId,
            ElementType = type,
            HasIncident = filter?.HasIncident,
            Skip = request?.Page?.From ?? 0,
            Take = limit,
        }, cancellationToken);
        var items = page.Items.Select(i => ElementInstanceResult.From(i, tenantId)).ToList();
        return TypedResults.Ok(new ElementInstanceSearchQueryResult(items, new SearchQueryPageResponse(page.Total)));
    }

    private static string? Validate(ElementInstanceSearchQuery? request)
    {
        var filter = request?.Filter;
        if (filter?.State is { } state && state != ElementInstanceTypes.Active)
        {
            return state is "COMPLETED" or "TERMINATED"
                ? "Es lassen sich nur aktive Elementinstanzen suchen (state ACTIVE); abgeschlossene und abgebrochene Schritte stehen im Verlauf der Prozessinstanz."
                : $"Der Zustand „{state}“ ist unbekannt; erlaubt ist ACTIVE.";
        }

        if (filter?.ElementName is not null || filter?.IncidentKey is not null)
        {
            return "Die Filter elementName und incidentKey werden hier nicht unterstützt.";
        }

        if (request?.Sort is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } sort && (sort.ValueKind != JsonValueKind.Array || sort.GetArrayLength() > 0))
        {
            return "Eine Sortierung (sort) wird hier nicht unterstützt; die Elementinstanzen kommen nach Prozessinstanz und Entstehung geordnet.";
        }

        if (request?.Page is { } page)
        {
            if (page.After is not null || page.Before is not null)
            {
                return "Blättern mit after/before wird hier nicht unterstützt; bitte from und limit verwenden.";
            }

            if (page.From < 0 || page.Limit is < 1 or > MaxLimit)
            {
                return $"page.from darf nicht negativ sein, page.limit muss zwischen 1 und {MaxLimit} liegen.";
            }
        }

        return null;
    }

    private static bool TryKey(string? text, string name, out Guid? key, out string? invalid)
    {
        key = null;
        invalid = null;
        if (text is null)
        {
            return true;
        }

        if (Guid.TryParse(text, out var parsed))
        {
            key = parsed;
            return true;
        }

        invalid = $"{name} „{text}“ ist kein gültiger Schlüssel.";
        return false;
    }

    private static IResult Invalid(string message) => ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", message);
}
