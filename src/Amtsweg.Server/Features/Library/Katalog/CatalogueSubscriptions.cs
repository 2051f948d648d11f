using Amtsweg.Library.Signing;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>Adds and removes subscriptions to other installations' catalogues and accepts a publisher's key change (issue 14.4).</summary>
public sealed partial class CatalogueSubscriptions(PlatformDbContext db, TimeProvider clock, ILoggerFactory loggers)
{
    // Accepting another key decides whom the installation trusts: an audit entry, like the API clients' ones.
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Katalog");

    /// <summary>Subscribes to a catalogue.</summary>
    /// <exception cref="CatalogueEntryException">The URL is not allowed, the name is empty or too long, or the catalogue is already subscribed (German message); nothing was stored.</exception>
    public async Task<CatalogueSubscription> AddAsync(string url, string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var uri = CatalogueAddress.Parse(url);
        var normalized = uri.AbsoluteUri;
        if (normalized.Length > CatalogueSubscription.UrlMaxLength)
        {
            throw new CatalogueEntryException($"Die Adresse ist länger als {CatalogueSubscription.UrlMaxLength} Zeichen.");
        }

        name = name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > CatalogueSubscription.NameMaxLength)
        {
            throw new CatalogueEntryException($"Der Name des Katalogs muss 1 bis {CatalogueSubscription.NameMaxLength} Zeichen lang sein.");
        }

        if (await db.CatalogueSubscriptions.AnyAsync(s => s.Url == normalized, cancellationToken))
        {
            throw new CatalogueEntryException($"Der Katalog {normalized} ist schon abonniert.");
        }

        var subscription = new CatalogueSubscription { Id = Guid.CreateVersion7(), Url = normalized, Name = name, AddedBy = actor, AddedAt = clock.GetUtcNow() };
        db.CatalogueSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        LogSubscribed(_audit, normalized, actor);
        return subscription;
    }

    /// <summary>
    /// Ends a subscription. What was fetched from it stays in the library (municipalities may have installed it), and so
    /// do the pinned keys: subscribing again later trusts the same publishers' keys, not whatever comes first.
    /// </summary>
    /// <exception cref="CatalogueEntryException">There is no such subscription (any more); nothing changed.</exception>
    public async Task<CatalogueSubscription> RemoveAsync(Guid subscriptionId, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var subscription = await db.CatalogueSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
            ?? throw new CatalogueEntryException("Dieses Katalog-Abonnement gibt es nicht (mehr).");
        db.CatalogueSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        LogUnsubscribed(_audit, subscription.Url, actor);
        return subscription;
    }

    /// <summary>Accepts the key waiting for the publisher <paramref name="publisherAgs"/>: it becomes the pinned key; the next fetch takes its packages.</summary>
    /// <exception cref="CatalogueEntryException">No key change waits for that AGS, or it is not <paramref name="expectedKey"/> any more (German message); nothing changed.</exception>
    public async Task<PinnedPublisherKey> AcceptKeyChangeAsync(string publisherAgs, string expectedKey, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var pin = await db.PinnedPublisherKeys.SingleOrDefaultAsync(p => p.PublisherAgs == publisherAgs, cancellationToken);
        if (pin?.PendingPublicKey is null)
        {
            throw new CatalogueEntryException($"Für den Herausgeber {publisherAgs} wartet kein neuer Schlüssel auf Bestätigung.");
        }

        // The key shown to the person is the key accepted: a change that came in meanwhile needs its own look.
        if (pin.PendingPublicKey != expectedKey)
        {
            throw new CatalogueEntryException($"Für den Herausgeber {publisherAgs} wartet inzwischen ein anderer Schlüssel ({PackageKey.Fingerprint(pin.PendingPublicKey)}). Bitte prüfen Sie ihn erneut.");
        }

        var previous = pin.PublicKey;
        pin.PublicKey = pin.PendingPublicKey;
        pin.CatalogueUrl = pin.PendingCatalogueUrl ?? pin.CatalogueUrl;
        pin.PinnedAt = clock.GetUtcNow();
        pin.PinnedBy = actor;
        pin.PendingPublicKey = null;
        pin.PendingCatalogueUrl = null;
        pin.PendingSince = null;
        await db.SaveChangesAsync(cancellationToken);
        LogKeyAccepted(_audit, publisherAgs, PackageKey.Fingerprint(previous), PackageKey.Fingerprint(pin.PublicKey), actor);
        return pin;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue {Url} subscribed by {Actor}")]
    private static partial void LogSubscribed(ILogger logger, string url, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue {Url} unsubscribed by {Actor}")]
    private static partial void LogUnsubscribed(ILogger logger, string url, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher key change of AGS {Ags} accepted by {Actor}: {Previous} replaced by {Accepted}")]
    private static partial void LogKeyAccepted(ILogger logger, string ags, string previous, string accepted, string actor);
}
