using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Records;

/// <summary>A person taking part in a Vorgang.</summary>
public sealed record BeteiligterResponse(Guid Id, string Role, string Name, string? Address, string? Email, DateOnly? BirthDate, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Adds a person to an open Vorgang: role (e.g. Antragstellerin) and full name; address, e-mail and birth date if known.</summary>
public sealed record AddBeteiligterRequest(string Role, string Name, string? Address, string? Email, DateOnly? BirthDate);

/// <summary>
/// The Beteiligte of a Vorgang over REST: list, add, remove (each change an audited e-file command; a closed Vorgang
/// refuses). Case work, like the rest of the e-file API; another tenant's Vorgang is answered 404.
/// </summary>
internal static class BeteiligteApi
{
    public static IEndpointRouteBuilder MapBeteiligte(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/vorgaenge/{id:guid}").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte");
        api.MapGet("/beteiligte", List).WithName("ListBeteiligte");
        api.MapPost("/beteiligte", Add).WithName("AddBeteiligter");
        api.MapDelete("/beteiligte/{beteiligterId:guid}", Remove).WithName("RemoveBeteiligter");
        return endpoints;
    }

    // Art. 18 DSGVO: restricted Beteiligte are shown by the placeholder, except to the data-protection role (as on the Vorgang page).
    private static async Task<IResult> List(Guid id, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        await reader.BeteiligteAsync(id, includeRestricted: user.IsInRole(Platform.Roles.Administration), ct) is { } beteiligte ? TypedResults.Ok(beteiligte) : ApiErrors.NotFound("Der Vorgang");

    private static async Task<IResult> Add(Guid id, AddBeteiligterRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var b = await executor.ExecuteAsync(new AddBeteiligterCommand(id, request.Role, new DataSubject(request.Name, request.Email, request.Address, request.BirthDate)), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}/beteiligte", new BeteiligterResponse(b.Id, b.Role, b.Name, b.Address, b.Email, b.BirthDate, b.CreatedBy, b.CreatedAt));
    }

    private static async Task<IResult> Remove(Guid id, Guid beteiligterId, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new RemoveBeteiligterCommand(id, beteiligterId), user.Identity!.Name!, ct);
        return TypedResults.NoContent();
    }
}
