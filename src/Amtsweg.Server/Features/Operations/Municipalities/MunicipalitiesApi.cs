using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Operations.Municipalities;

/// <summary>A tenant as the operator sees it: no case content, no personal data.</summary>
public sealed record MunicipalityResponse(Guid Id, string Ags, string Name, string FederalState, DateTimeOffset CreatedAt, bool IsTest = false);

/// <summary>
/// Request to create a tenant. The AGS must be a municipality of the official code list, unless <paramref name="IsTest"/>;
/// the name may be left out for a municipality of the list (its official name is taken) and is required for a test municipality.
/// </summary>
public sealed record CreateMunicipalityRequest(string Ags, string? Name = null, bool IsTest = false);

/// <summary>The operator's tenant list. Platform scope on purpose: operators manage all tenants.</summary>
internal static class MunicipalitiesApi
{
    public static IEndpointRouteBuilder MapMunicipalities(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/municipalities").RequireAuthorization(Policies.Operations).WithTags("Betrieb")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListMunicipalities).WithName("ListMunicipalities");
        group.MapGet("/{id:guid}", GetMunicipality).WithName("GetMunicipality").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateMunicipality).WithName("CreateMunicipality")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
        return endpoints;
    }

    internal static async Task<List<MunicipalityResponse>> ListAsync(PlatformDbContext db, TenantContext tenant, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var rows = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return rows.Select(ToResponse).ToList();
    }

    private static async Task<Ok<List<MunicipalityResponse>>> ListMunicipalities(PlatformDbContext db, TenantContext tenant, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(db, tenant, cancellationToken));

    private static async Task<Results<Ok<MunicipalityResponse>, ProblemHttpResult>> GetMunicipality(Guid id, PlatformDbContext db, TenantContext tenant, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var municipality = await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return municipality is null ? ApiErrors.NotFound("Die Gemeinde") : TypedResults.Ok(ToResponse(municipality));
    }

    private static async Task<Results<Created<MunicipalityResponse>, ProblemHttpResult>> CreateMunicipality(
        CreateMunicipalityRequest request, PlatformAdministration administration, MunicipalityDirectorySource directory, CancellationToken cancellationToken)
    {
        var checkedName = directory.Check(request.Ags, request.Name, request.IsTest);
        if (checkedName.ErrorCode is { } code)
        {
            return code == "directory-broken"
                ? ApiErrors.Problem(StatusCodes.Status500InternalServerError, code, checkedName.Error!)
                : ApiErrors.Invalid(code, checkedName.Error!);
        }

        var result = await administration.CreateMunicipalityAsync(request.Ags, checkedName.Name ?? "", cancellationToken, request.IsTest);
        if (!result.Succeeded)
        {
            return result.ErrorCode == "ags-duplicate"
                ? ApiErrors.Conflict(result.ErrorCode, result.Error!)
                : ApiErrors.Invalid(result.ErrorCode!, result.Error!);
        }

        var response = ToResponse(result.Value!);
        return TypedResults.Created($"/api/municipalities/{response.Id}", response);
    }

    internal static MunicipalityResponse ToResponse(Municipality municipality) =>
        new(municipality.Id, municipality.Ags, municipality.Name, municipality.FederalState.ToString(), municipality.CreatedAt, municipality.IsTest);
}
