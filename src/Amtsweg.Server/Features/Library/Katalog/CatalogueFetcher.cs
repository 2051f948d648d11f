using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>What one fetch of a catalogue did.</summary>
/// <param name="Imported">Package versions taken into the library.</param>
/// <param name="Known">Entries the library already had with the same content.</param>
/// <param name="Problems">Every problem, in German; one bad entry does not stop the others.</param>
public sealed record CatalogueFetchResult(int Imported, int Known, IReadOnlyList<string> Problems)
{
    /// <summary>The package versions taken, as <c>id version – title</c>, in the catalogue's order.</summary>
    public IReadOnlyList<string> Taken { get; init; } = [];
}

/// <summary>
/// Pulls the packages of a subscribed catalogue into the installation's library (issue 14.4). For each entry the library
/// does not have yet: the archive is downloaded from the catalogue's own server (size bounded), its SHA-256 compared
/// with the entry's, its signature verified with the entry's key, the manifest compared with the entry, the package
/// validated (<see cref="PackageValidator"/>), and the key compared with the one pinned for the publisher's AGS (pinned
/// here on first use; a different key is kept as pending and nothing of that entry is taken). Only then is it
/// stored, with origin <see cref="LibraryPackageOrigin.Katalog"/> and the catalogue's URL. Each entry is saved on its
/// own, so one bad entry does not stop the others; each problem is recorded on the subscription in German.
/// </summary>
public sealed partial class CatalogueFetcher(
    PlatformDbContext db,
    IHttpClientFactory httpClients,
    IOptions<CatalogueOptions> options,
    TimeProvider clock,
    ILogger<CatalogueFetcher> logger)
{
    /// <summary>The named HTTP client: no redirects (the catalogue names its own server), the configured timeout.</summary>
    public const string HttpClientName = "Amtsweg.Katalog";

    /// <summary>Who pins a key on first use.</summary>
    public const string FirstUseActor = "Katalogabruf";

    /// <summary>Fetches every subscribed catalogue, one after another; returns the problems of all.</summary>
    public async Task<IReadOnlyList<string>> FetchAllAsync(CancellationToken cancellationToken)
    {
        var ids = await db.CatalogueSubscriptions.AsNoTracking().Select(s => s.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        var problems = new List<string>();
        foreach (var id in ids)
        {
            var result = await FetchAsync(id, cancellationToken);
            problems.AddRange(result.Problems);
        }

        return problems;
    }

    /// <summary>Fetches one subscribed catalogue and records the result on the subscription.</summary>
    /// <exception cref="InvalidOperationException">There is no such subscription.</exception>
    public async Task<CatalogueFetchResult> FetchAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await db.CatalogueSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
            ?? throw new InvalidOperationException($"No catalogue subscription {subscriptionId}.");
        var problems = new List<string>();
        var taken = new List<string>();
        int imported = 0, known = 0;
        try
        {
            var catalogueUri = CatalogueAddress.Parse(subscription.Url);
            var document = await ReadCatalogueAsync(catalogueUri, cancellationToken);
            var entries = document.Packages ?? [];
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var name = entry is null ? $"Eintrag {i + 1}" : $"Eintrag {i + 1} ({entry.Id} {entry.Version})";
                try
                {
                    switch (await TakeAsync(catalogueUri, subscription.Url, entry, cancellationToken))
                    {
                        case EntryOutcome.Imported:
                            imported++;
                            taken.Add(string.IsNullOrWhiteSpace(entry!.Title) ? $"{entry.Id} {entry.Version}" : $"{entry.Id} {entry.Version} – {entry.Title}");
                            break;
                        case EntryOutcome.Known:
                            known++;
                            break;
                    }
                }
                catch (CatalogueEntryException error)
                {
                    problems.Add($"{name}: {error.Message}");
                    db.ChangeTracker.Clear();
                }
                catch (DbUpdateException)
                {
                    // Another fetch (the scheduled one, or another server process) stored the same version meanwhile.
                    problems.Add($"{name}: Die Version wurde gleichzeitig anders in die Bibliothek übernommen; beim nächsten Abruf wird sie erneut geprüft.");
                    db.ChangeTracker.Clear();
                }
            }
        }
        catch (CatalogueEntryException error)
        {
            problems.Add(error.Message);
        }

        db.ChangeTracker.Clear();
        subscription = await db.CatalogueSubscriptions.SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        subscription.LastFetchedAt = clock.GetUtcNow();
        subscription.LastImported = imported;
        subscription.LastError = problems.Count == 0 ? null : Shorten(string.Join("\n", problems), CatalogueSubscription.LastErrorMaxLength);
        await db.SaveChangesAsync(cancellationToken);
        LogFetched(logger, subscription.Url, imported, known, problems.Count);
        return new CatalogueFetchResult(imported, known, problems) { Taken = taken };
    }

    private async Task<CatalogueDocument> ReadCatalogueAsync(Uri catalogue, CancellationToken cancellationToken)
    {
        var bytes = await DownloadAsync(catalogue, CatalogueOptions.MaxCatalogueBytes, "Der Katalog", cancellationToken);
        CatalogueDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogueDocument>(bytes, CatalogueJson.Options);
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" (Zeile {line + 1})" : string.Empty;
            throw new CatalogueEntryException($"Der Katalog unter {catalogue} ist kein gültiges JSON{where}.");
        }

        if (document is null || document.Format != CatalogueDocument.FormatVersion)
        {
            throw new CatalogueEntryException($"Unter {catalogue} liegt kein Amtsweg-Katalog (erwartet wird das Format {CatalogueDocument.FormatVersion}).");
        }

        return document;
    }

    private async Task<EntryOutcome> TakeAsync(Uri catalogue, string catalogueUrl, CatalogueEntry? entry, CancellationToken cancellationToken)
    {
        var checkedEntry = Check(entry);
        var existing = await db.LibraryPackages.AsNoTracking()
            .Where(p => p.PackageId == checkedEntry.Id && p.Version == checkedEntry.Version)
            .Select(p => p.Sha256)
            .SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing == checkedEntry.Sha256
                ? EntryOutcome.Known
                : throw new CatalogueEntryException("Die Bibliothek hat diese Version schon mit anderem Inhalt. Eine veröffentlichte Version ändert sich nicht; übernommen wurde nichts.");
        }

        var download = new Uri(catalogue, checkedEntry.Url);
        if (!CatalogueAddress.SameOrigin(catalogue, download))
        {
            throw new CatalogueEntryException("Die Download-Adresse liegt nicht auf dem Server des Katalogs; geladen wird nur von dort.");
        }

        var limit = options.Value.MaxArchiveBytes;
        if (checkedEntry.Size > limit)
        {
            throw new CatalogueEntryException($"Das Archiv ist laut Katalog {Megabytes(checkedEntry.Size)} groß; höchstens {Megabytes(limit)} werden geladen.");
        }

        var archive = await DownloadAsync(download, limit, "Das Archiv", cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(archive));
        if (sha256 != checkedEntry.Sha256 || archive.LongLength != checkedEntry.Size)
        {
            throw new CatalogueEntryException("Das geladene Archiv stimmt nicht mit dem Katalog überein (SHA-256 oder Größe weichen ab). Es wurde nicht übernommen.");
        }

        PackageFiles files;
        try
        {
            using var stream = new MemoryStream(archive, writable: false);
            files = await PackageReader.ReadZipAsync(stream, checkedEntry.Id, cancellationToken);
        }
        catch (PackageReadException error)
        {
            throw new CatalogueEntryException($"Das Archiv kann nicht gelesen werden: {error.Message}");
        }

        var verification = PackageSigner.Verify(files, checkedEntry.PublicKey);
        if (!verification.IsValid)
        {
            throw new CatalogueEntryException("Die Signatur ist ungültig: " + string.Join(" ", verification.Problems));
        }

        var manifest = verification.Manifest!;
        if (manifest.Id != checkedEntry.Id || manifest.Version != checkedEntry.Version || manifest.Publisher.Ags != checkedEntry.PublisherAgs)
        {
            throw new CatalogueEntryException($"Das Archiv enthält {manifest.Id} {manifest.Version} von {manifest.Publisher.Ags}, nicht, was der Katalog angibt.");
        }

        var validation = await PackageValidator.ValidateAsync(files, cancellationToken);
        if (!validation.IsValid)
        {
            throw new CatalogueEntryException($"Das Paket ist nicht gültig ({validation.Problems.Count} Probleme): " + string.Join(" ", validation.Problems.Take(5).Select(p => p.ToString())));
        }

        // Compared only now: a key change is recorded for an archive that really is signed with the new key.
        var pin = await db.PinnedPublisherKeys.SingleOrDefaultAsync(p => p.PublisherAgs == checkedEntry.PublisherAgs, cancellationToken);
        if (pin is not null && pin.PublicKey != checkedEntry.PublicKey)
        {
            if (pin.PendingPublicKey != checkedEntry.PublicKey)
            {
                pin.PendingPublicKey = checkedEntry.PublicKey;
                pin.PendingCatalogueUrl = catalogueUrl;
                pin.PendingSince = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                LogKeyChangeSeen(logger, checkedEntry.PublisherAgs, PackageKey.Fingerprint(pin.PublicKey), PackageKey.Fingerprint(checkedEntry.PublicKey), catalogueUrl);
            }

            throw new CatalogueEntryException(
                $"Der Herausgeber {checkedEntry.PublisherAgs} signiert jetzt mit einem anderen Schlüssel ({PackageKey.Fingerprint(checkedEntry.PublicKey)}) als dem gespeicherten ({PackageKey.Fingerprint(pin.PublicKey)}). " +
                "Übernommen wird erst, wenn der Betrieb oder die Administration den neuen Schlüssel bestätigt hat.");
        }

        var now = clock.GetUtcNow();
        if (pin is null)
        {
            db.PinnedPublisherKeys.Add(new PinnedPublisherKey
            {
                Id = Guid.CreateVersion7(),
                PublisherAgs = manifest.Publisher.Ags,
                PublicKey = checkedEntry.PublicKey,
                CatalogueUrl = catalogueUrl,
                PinnedAt = now,
                PinnedBy = FirstUseActor,
            });
            LogKeyPinned(logger, manifest.Publisher.Ags, PackageKey.Fingerprint(checkedEntry.PublicKey), catalogueUrl);
        }

        var package = LibraryPackage.Of(manifest, archive, sha256, checkedEntry.PublicKey, LibraryPackageOrigin.Katalog, FirstUseActor, now);
        package.CatalogueUrl = catalogueUrl;
        db.LibraryPackages.Add(package);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return EntryOutcome.Imported;
    }

    /// <summary>Reads a response body up to <paramref name="limit"/> bytes; German errors for everything that goes wrong.</summary>
    private async Task<byte[]> DownloadAsync(Uri uri, long limit, string what, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = options.Value.Timeout;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/zip"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CatalogueEntryException($"{what} unter {uri} ist nicht abrufbar: Der Server antwortet mit {(int)response.StatusCode} ({Reason(response.StatusCode)}).");
            }

            if (response.Content.Headers.ContentLength > limit)
            {
                throw new CatalogueEntryException($"{what} unter {uri} ist größer als {Megabytes(limit)}; es wurde nicht geladen.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new CatalogueEntryException($"{what} unter {uri} ist größer als {Megabytes(limit)}; das Laden wurde abgebrochen.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (HttpRequestException error)
        {
            throw new CatalogueEntryException($"{what} unter {uri} ist nicht erreichbar ({error.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "der Name ist unbekannt",
                HttpRequestError.ConnectionError => "keine Verbindung",
                HttpRequestError.SecureConnectionError => "die sichere Verbindung scheiterte",
                _ => "Übertragungsfehler",
            }}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CatalogueEntryException($"{what} unter {uri} antwortet nicht innerhalb von {options.Value.Timeout.TotalSeconds:0} Sekunden.");
        }
    }

    private static CheckedEntry Check(CatalogueEntry? entry)
    {
        if (entry is null)
        {
            throw new CatalogueEntryException("Der Eintrag ist leer.");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(entry.Id) || entry.Id.Length > LibraryPackage.PackageIdMaxLength)
        {
            missing.Add("id");
        }

        if (string.IsNullOrWhiteSpace(entry.Version) || entry.Version.Length > LibraryPackage.VersionMaxLength)
        {
            missing.Add("version");
        }

        if (entry.PublisherAgs is null || !AgsPattern().IsMatch(entry.PublisherAgs))
        {
            missing.Add("publisherAgs");
        }

        if (entry.PublicKey is null || !IsKey(entry.PublicKey))
        {
            missing.Add("publicKey");
        }

        if (entry.Sha256 is null || !Sha256Pattern().IsMatch(entry.Sha256))
        {
            missing.Add("sha256");
        }

        if (entry.Size < 1)
        {
            missing.Add("size");
        }

        if (string.IsNullOrWhiteSpace(entry.Url) || entry.Url.Length > CatalogueSubscription.UrlMaxLength)
        {
            missing.Add("url");
        }

        return missing.Count > 0
            ? throw new CatalogueEntryException($"Der Eintrag ist unvollständig oder fehlerhaft (Felder: {string.Join(", ", missing)}).")
            : new CheckedEntry(entry.Id!, entry.Version!, entry.PublisherAgs!, entry.PublicKey!, entry.Sha256!, entry.Size, entry.Url!);
    }

    private static bool IsKey(string text)
    {
        var raw = new byte[64];
        return Convert.TryFromBase64String(text, raw, out var length) && length == 32;
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "nicht gefunden",
        HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => "kein Zugriff",
        >= HttpStatusCode.MovedPermanently and < HttpStatusCode.BadRequest => "Weiterleitung, der wird nicht gefolgt",
        >= HttpStatusCode.InternalServerError => "Fehler des Servers",
        _ => "Anfrage abgelehnt",
    };

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB".Replace('.', ',')
        : $"{bytes} Bytes";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex AgsPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue {Url} fetched: {Imported} imported, {Known} known, {Problems} problem(s)")]
    private static partial void LogFetched(ILogger logger, string url, int imported, int known, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publisher key of AGS {Ags} pinned on first use: {Fingerprint} from {Url}")]
    private static partial void LogKeyPinned(ILogger logger, string ags, string fingerprint, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher AGS {Ags} offers another key: pinned {Pinned}, offered {Offered} by {Url}; nothing taken until it is accepted")]
    private static partial void LogKeyChangeSeen(ILogger logger, string ags, string pinned, string offered, string url);

    private enum EntryOutcome
    {
        Imported,
        Known,
    }

    private sealed record CheckedEntry(string Id, string Version, string PublisherAgs, string PublicKey, string Sha256, long Size, string Url);
}

/// <summary>A problem with a catalogue or one of its entries; the message is German and shown to the operator.</summary>
public sealed class CatalogueEntryException(string message) : Exception(message);

/// <summary>The rule for catalogue addresses: HTTPS, or plain HTTP to a loopback address (tests, a proxy on the same machine).</summary>
public static class CatalogueAddress
{
    /// <summary>Checks a catalogue URL.</summary>
    /// <exception cref="CatalogueEntryException">The URL is not allowed (German message).</exception>
    public static Uri Parse(string url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CatalogueEntryException($"„{url}“ ist keine gültige Adresse eines Katalogs (https://…).");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new CatalogueEntryException("Die Adresse des Katalogs darf keinen Benutzernamen oder kein Kennwort enthalten.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new CatalogueEntryException($"Kataloge werden nur über HTTPS abgerufen; „{url}“ ist unverschlüsselt.");
        }

        return uri;
    }

    /// <summary>Whether both addresses have the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
