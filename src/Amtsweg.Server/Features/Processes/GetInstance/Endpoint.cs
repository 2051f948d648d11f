using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.GetInstance;

/// <summary><c>GET /api/process-instances/{id}</c>: a process instance with its state, active elements and variables.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/process-instances/{id:guid}", GetInstance).WithName("GetProcessInstance")
            .ProducesProblem(StatusCodes.Status404NotFound);

    // Art. 18 DSGVO: the variables of an instance in a restricted Vorgang are hidden, except from the data-protection role.
    private static async Task<Ok<ProcessInstanceInfo>> GetInstance(Guid id, IProcessEngine engine, RecordsReader reader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ProcessInstanceAsync(await engine.GetProcessInstanceAsync(id, cancellationToken), user.IsInRole(Roles.Administration), cancellationToken));
}
