using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>
/// The installation's published catalogue (issue 14.4), anonymous as a package registry is: <c>GET
/// /api/bibliothek/katalog</c> lists the package versions this installation's municipalities publish, <c>GET
/// /api/bibliothek/pakete/{id}/{version}</c> gives one signed archive. Published is every signed package version that
/// was handed in (origin <see cref="LibraryPackageOrigin.Hochgeladen"/>) or whose publisher is a municipality of this
/// installation; what came from another catalogue or is unsigned is not passed on.
/// </summary>
public static class CatalogueApi
{
    /// <summary>Maps the catalogue's two routes.</summary>
    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/bibliothek").WithTags("Bibliothek").AllowAnonymous();
        group.MapGet("/katalog", GetCatalogueAsync).WithName("GetCatalogue").Produces<CatalogueDocument>();
        group.MapGet("/pakete/{id}/{version}", GetPackageAsync)
            .WithName("GetCataloguePackage")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>The published package versions: signed, and handed in or published by a municipality of this installation.</summary>
    internal static IQueryable<LibraryPackage> Published(PlatformDbContext db) =>
        db.LibraryPackages.Where(p => p.PublisherPublicKey != null
            && p.Origin != LibraryPackageOrigin.Katalog
            && (p.Origin == LibraryPackageOrigin.Hochgeladen || db.Municipalities.Any(m => m.Ags == p.PublisherAgs)));

    private static async Task<IResult> GetCatalogueAsync(HttpContext context, PlatformDbContext db, IOptions<CatalogueOptions> options, CancellationToken cancellationToken)
    {
        // Ordered by id: UUID v7 follow the time they were added (SQLite cannot order by a DateTimeOffset).
        var rows = await Published(db).AsNoTracking()
            .OrderBy(p => p.PackageId).ThenBy(p => p.Id)
            .Select(p => new { p.PackageId, p.Version, p.Title, p.Description, p.LeikaKeys, p.PublisherAgs, p.PublisherName, p.PublisherPublicKey, p.Sha256, Size = (long)p.Archive.Length })
            .ToListAsync(cancellationToken);
        var request = context.Request;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/api/bibliothek/pakete/";
        var entries = rows.Select(p => (CatalogueEntry?)new CatalogueEntry(
            p.PackageId,
            p.Version,
            p.Title,
            p.Description,
            p.LeikaKeys.Length == 0 ? [] : p.LeikaKeys.Split(','),
            p.PublisherAgs,
            p.PublisherName,
            p.PublisherPublicKey,
            p.Sha256,
            p.Size,
            root + Uri.EscapeDataString(p.PackageId) + "/" + Uri.EscapeDataString(p.Version))).ToList();
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Json(new CatalogueDocument(CatalogueDocument.FormatVersion, options.Value.Name, entries), CatalogueJson.Options);
    }

    private static async Task<IResult> GetPackageAsync(string id, string version, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var package = await Published(db).AsNoTracking()
            .Where(p => p.PackageId == id && p.Version == version)
            .Select(p => new { p.Archive, p.Sha256, p.PackageId, p.Version })
            .SingleOrDefaultAsync(cancellationToken);
        if (package is null)
        {
            return ApiErrors.NotFound($"Das Paket „{id}“ in Version {version}");
        }

        return TypedResults.File(
            package.Archive,
            "application/zip",
            $"{package.PackageId}-{package.Version}.amtsweg-paket",
            entityTag: new EntityTagHeaderValue($"\"{package.Sha256}\""));
    }
}

/// <summary>The catalogue's JSON: camelCase, no indentation, umlauts unescaped.</summary>
internal static class CatalogueJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
