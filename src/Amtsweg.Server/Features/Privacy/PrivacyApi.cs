using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Records;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy;

/// <summary>A DSGVO request about one person. In the body, not the URL, so that names stay out of logs.</summary>
/// <param name="Name">Full name (first and last name).</param>
/// <param name="Email">E-mail address, if known.</param>
/// <param name="Address">Postal address, if known (tells namesakes among the Beteiligte apart).</param>
/// <param name="BirthDate">Date of birth, if known (likewise).</param>
/// <param name="Reason">The occasion, e.g. the reference of the person's request; recorded in the audit trail.</param>
public sealed record PrivacyRequest(string Name, string? Email, string? Address, DateOnly? BirthDate, string Reason)
{
    internal DataSubject Person => new(Name, Email, Address, BirthDate);
}

/// <summary>
/// The DSGVO rights of a person (Art. 15 access, Art. 17 erasure, Art. 18 restriction and its lifting) over the municipality's e-file.
/// Only the municipality's Administration acts as the data-protection role: not clerks, and not the IT service
/// provider's operators, who never see personal data.
/// </summary>
internal static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/privacy")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Administration).RequireClaim(AmtswegClaims.Tenant))
            .WithTags("Datenschutz");
        api.MapPost("/export", Export).WithName("ExportPersonalData").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        api.MapPost("/erase", Erase).WithName("ErasePersonalData");
        api.MapPost("/restrict", Restrict).WithName("RestrictPersonalData");
        api.MapPost("/unrestrict", Unrestrict).WithName("LiftRestriction");
        return endpoints;
    }

    // The zip goes to a temporary file first: a refused request still gets its problem details, and a large export is
    // never held in memory.
    private static async Task<IResult> Export(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await privacy.ExportAsync(request.Person, request.Reason, user.Identity!.Name!, file, cancellationToken);
            file.Position = 0;
            return TypedResults.File(file, "application/zip", "auskunft.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<IResult> Erase(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.EraseAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));

    private static async Task<IResult> Restrict(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.RestrictAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));

    private static async Task<IResult> Unrestrict(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.LiftRestrictionAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));
}
