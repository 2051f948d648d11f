using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>One municipality's review as the package page shows it: the municipality's name, never the person's.</summary>
public sealed record ShownReview(string Municipality, string Version, int Rating, string Text, DateTimeOffset WrittenAt, bool Own);

/// <summary>The reviews of a package, newest first, with the own municipality's (if any) and the average rating.</summary>
public sealed record PackageReviewList(IReadOnlyList<ShownReview> Reviews)
{
    /// <summary>The own municipality's review, or null.</summary>
    public ShownReview? Own => Reviews.FirstOrDefault(r => r.Own);

    /// <summary>The mean rating, or null without reviews.</summary>
    public double? Average => Reviews.Count == 0 ? null : Reviews.Average(r => r.Rating);
}

/// <summary>
/// Ratings and comments on library packages (issue 14.3): a municipality writes, changes or withdraws its own review in
/// its scope; the package page reads every municipality's in a platform scope of its own, as the usage figures are read,
/// and only the municipality's name and what it wrote leave it. Changes are logged under <c>Amtsweg.Audit.Bibliothek</c>.
/// </summary>
public sealed partial class PackageReviews(PlatformDbContext db, TenantContext tenant, ITenantScopeFactory scopes, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Bibliothek");

    /// <summary>Every municipality's review of <paramref name="packageId"/>, newest first.</summary>
    public async Task<PackageReviewList> ListAsync(string packageId, CancellationToken cancellationToken)
    {
        var own = tenant.TenantId;
        await using var scope = scopes.CreatePlatformScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var rows = await platform.PackageReviews.AsNoTracking().Where(r => r.PackageId == packageId)
            .Join(platform.Municipalities, r => r.TenantId, m => m.Id, (r, m) => new { r.TenantId, m.Name, r.Version, r.Rating, r.Text, r.WrittenAt })
            .ToListAsync(cancellationToken);
        return new PackageReviewList([.. rows
            .Select(r => new ShownReview(r.Name, r.Version, r.Rating, r.Text, r.WrittenAt, r.TenantId == own))
            .OrderByDescending(r => r.WrittenAt)]);
    }

    /// <summary>
    /// Saves the own municipality's review of a version of the package (replacing an earlier one), or returns the German
    /// reason it is refused with nothing saved: a rating outside 1 to 5, or a comment that is too long.
    /// </summary>
    public async Task<string?> SaveAsync(string packageId, string version, int? rating, string? text, string actor, CancellationToken cancellationToken)
    {
        if (rating is not (>= PackageReview.MinRating and <= PackageReview.MaxRating))
        {
            return "Bitte wählen Sie eine Bewertung von 1 bis 5 Sternen.";
        }

        var comment = (text ?? "").Trim();
        if (comment.Length > PackageReview.TextMaxLength)
        {
            return $"Der Kommentar ist {comment.Length:N0} Zeichen lang; höchstens {PackageReview.TextMaxLength:N0} Zeichen sind möglich.";
        }

        var review = await db.PackageReviews.SingleOrDefaultAsync(r => r.PackageId == packageId, cancellationToken);
        if (review is null)
        {
            review = new PackageReview { Id = Guid.CreateVersion7(), PackageId = packageId, Version = version, Text = comment, WrittenBy = actor };
            db.PackageReviews.Add(review);
        }

        review.Version = version;
        review.Rating = rating.Value;
        review.Text = comment;
        review.WrittenBy = actor;
        review.WrittenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogSaved(_audit, packageId, version, rating.Value, tenant.TenantId, actor);
        return null;
    }

    /// <summary>Withdraws the own municipality's review; false when it had none.</summary>
    public async Task<bool> DeleteAsync(string packageId, string actor, CancellationToken cancellationToken)
    {
        var deleted = await db.PackageReviews.Where(r => r.PackageId == packageId).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted)
        {
            LogDeleted(_audit, packageId, tenant.TenantId, actor);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bewertung des Pakets {PackageId} (Version {Version}, {Rating} Sterne) gespeichert für Gemeinde {TenantId} von {Actor}.")]
    private static partial void LogSaved(ILogger logger, string packageId, string version, int rating, Guid? tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bewertung des Pakets {PackageId} zurückgezogen für Gemeinde {TenantId} von {Actor}.")]
    private static partial void LogDeleted(ILogger logger, string packageId, Guid? tenantId, string actor);
}
