using System.Text;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.GetDefinitionXml;

/// <summary>
/// <c>GET /api/process-definitions/{id}/xml</c>: the BPMN XML of a deployed version as deployed, diagram included; the
/// Vorgang page draws its process diagram from it. Another tenant's definition is a 404.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/process-definitions/{id:guid}/xml", GetXml).WithName("GetProcessDefinitionXml")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<ContentHttpResult> GetXml(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Text(await engine.GetProcessDefinitionXmlAsync(id, cancellationToken), "application/xml", Encoding.UTF8);
}
