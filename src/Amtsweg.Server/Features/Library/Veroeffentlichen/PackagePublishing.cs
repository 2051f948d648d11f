using System.Security.Cryptography;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Library.Veroeffentlichen;

/// <summary>
/// Publishing a package version in this installation's catalogue with a second person (issue 14.3): the municipality's
/// Prozessgestaltung hands in a signed archive (<c>amtsweg package pack</c>), which is verified as an import verifies it
/// (signature, <see cref="PackageValidator"/>) and must name the own municipality as publisher; it waits as a
/// <see cref="PublishingRequest"/> until a Leitung of the same municipality, not the uploader, approves it (then it
/// becomes a <see cref="LibraryPackage"/> of origin <see cref="LibraryPackageOrigin.Hochgeladen"/>, which
/// <see cref="Katalog.CatalogueApi"/> lists) or refuses it with a reason. Every step is written to the audit log
/// <c>Amtsweg.Audit.Bibliothek</c>. Roles are the pages' business; the four-eyes rule is checked here.
/// </summary>
public sealed partial class PackagePublishing(PlatformDbContext db, TenantContext tenant, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Bibliothek");

    /// <summary>Verifies the archive and records it as an open request.</summary>
    /// <exception cref="PublishingException">The archive is refused (German problems); nothing was stored.</exception>
    public async Task<PublishingRequest> RequestAsync(byte[] archive, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var municipality = await OwnMunicipalityAsync(cancellationToken);
        if (archive.Length > PackageLimits.MaxTotalBytes)
        {
            throw new PublishingException([$"Die Datei ist größer als {PackageLimits.MaxTotalBytes / (1024 * 1024)} MB."]);
        }

        PackageFiles files;
        try
        {
            using var stream = new MemoryStream(archive, writable: false);
            files = await PackageReader.ReadZipAsync(stream, "Paket", cancellationToken);
        }
        catch (PackageReadException error)
        {
            throw new PublishingException(["Die Datei ist kein lesbares Paket: " + error.Message]);
        }

        if (files.Signature is null)
        {
            throw new PublishingException(["Das Paket ist nicht signiert (signatur.json fehlt). Veröffentlicht werden nur signierte Pakete (amtsweg package pack)."]);
        }

        var verification = PackageSigner.Verify(files);
        if (!verification.IsValid)
        {
            throw new PublishingException(["Die Signatur des Pakets ist ungültig:", .. verification.Problems]);
        }

        var validation = await PackageValidator.ValidateAsync(files, cancellationToken);
        if (!validation.IsValid)
        {
            throw new PublishingException([$"Das Paket ist nicht gültig ({validation.Problems.Count} Probleme):", .. validation.Problems.Select(p => p.ToString())]);
        }

        var manifest = validation.Manifest!;
        if (manifest.Publisher.Ags != municipality.Ags)
        {
            throw new PublishingException([$"Das Paket nennt als Herausgeber {manifest.Publisher.Name} (AGS {manifest.Publisher.Ags}). Veröffentlichen kann eine Gemeinde nur eigene Pakete (AGS {municipality.Ags})."]);
        }

        if (manifest.Id.Length > LibraryPackage.PackageIdMaxLength || manifest.Version.Length > LibraryPackage.VersionMaxLength || manifest.Title.Length > LibraryPackage.TitleMaxLength)
        {
            throw new PublishingException(["Kennung, Version oder Titel des Pakets sind zu lang."]);
        }

        if (await db.LibraryPackages.AnyAsync(p => p.PackageId == manifest.Id && p.Version == manifest.Version, cancellationToken))
        {
            throw new PublishingException([$"Die Bibliothek kennt das Paket „{manifest.Title}“ ({manifest.Id}) in Version {manifest.Version} schon. Eine veröffentlichte Version ändert sich nicht: Vergeben Sie eine neue Versionsnummer."]);
        }

        if (await db.PublishingRequests.AnyAsync(r => r.PackageId == manifest.Id && r.Version == manifest.Version && r.State == PublishingRequestState.Open, cancellationToken))
        {
            throw new PublishingException([$"Für das Paket „{manifest.Title}“ ({manifest.Id}) in Version {manifest.Version} wartet schon eine Veröffentlichung auf Freigabe."]);
        }

        var request = new PublishingRequest
        {
            Id = Guid.CreateVersion7(),
            PackageId = manifest.Id,
            Version = manifest.Version,
            Title = manifest.Title,
            PublisherPublicKey = verification.PublicKey!,
            Archive = archive,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(archive)),
            RequestedBy = actor,
            RequestedAt = clock.GetUtcNow(),
            State = PublishingRequestState.Open,
        };
        db.PublishingRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict)
        {
            throw new PublishingException([$"Für das Paket „{manifest.Title}“ in Version {manifest.Version} wurde gerade gleichzeitig eine Veröffentlichung beantragt. Es wurde nichts gespeichert."], conflict);
        }

        LogRequested(_audit, request.Id, manifest.Id, manifest.Version, PackageKey.Fingerprint(request.PublisherPublicKey), municipality.Id, actor);
        return request;
    }

    /// <summary>Approves an open request: the package version goes into the library and the catalogue.</summary>
    /// <exception cref="PublishingException">Not open any more, the approver is the uploader, or the library has the version already; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">There is no such request in this municipality.</exception>
    public async Task<PublishingRequest> ApproveAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var request = await OpenRequestAsync(id, actor, cancellationToken);
        using var stream = new MemoryStream(request.Archive, writable: false);
        var files = await PackageReader.ReadZipAsync(stream, "Paket", cancellationToken);
        var verification = PackageSigner.Verify(files);
        if (!verification.IsValid || verification.PublicKey != request.PublisherPublicKey)
        {
            throw new PublishingException(["Das gespeicherte Paket lässt sich nicht mehr verifizieren; es wird nicht veröffentlicht."]);
        }

        if (await db.LibraryPackages.AnyAsync(p => p.PackageId == request.PackageId && p.Version == request.Version, cancellationToken))
        {
            throw new PublishingException([$"Die Bibliothek kennt das Paket „{request.Title}“ in Version {request.Version} inzwischen schon; diese Veröffentlichung kann nicht mehr freigegeben werden. Lehnen Sie sie ab."]);
        }

        var now = clock.GetUtcNow();
        var package = LibraryPackage.Of(verification.Manifest!, request.Archive, request.Sha256, request.PublisherPublicKey, LibraryPackageOrigin.Hochgeladen, actor, now);
        db.LibraryPackages.Add(package);
        request.State = PublishingRequestState.Published;
        request.DecidedBy = actor;
        request.DecidedAt = now;
        request.LibraryPackageId = package.Id;
        request.Revision++;
        await SaveDecisionAsync(request, cancellationToken);
        LogApproved(_audit, request.Id, request.PackageId, request.Version, request.RequestedBy, actor);
        return request;
    }

    /// <summary>Refuses an open request with a reason; nothing is published.</summary>
    /// <exception cref="PublishingException">Not open any more, the refuser is the uploader, or the reason is missing or too long; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">There is no such request in this municipality.</exception>
    public async Task<PublishingRequest> RefuseAsync(Guid id, string? reason, string actor, CancellationToken cancellationToken)
    {
        reason = reason?.Trim() ?? string.Empty;
        if (reason.Length is 0 or > PublishingRequest.ReasonMaxLength)
        {
            throw new PublishingException([reason.Length == 0
                ? "Bitte nennen Sie den Grund der Ablehnung."
                : $"Der Grund darf höchstens {PublishingRequest.ReasonMaxLength} Zeichen lang sein."]);
        }

        var request = await OpenRequestAsync(id, actor, cancellationToken);
        request.State = PublishingRequestState.Refused;
        request.DecidedBy = actor;
        request.DecidedAt = clock.GetUtcNow();
        request.Reason = reason;
        request.Revision++;
        await SaveDecisionAsync(request, cancellationToken);
        LogRefused(_audit, request.Id, request.PackageId, request.Version, actor);
        return request;
    }

    private async Task<PublishingRequest> OpenRequestAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var request = await db.PublishingRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No publishing request {id} in this municipality.");
        if (request.State != PublishingRequestState.Open)
        {
            throw new PublishingException(["Über diese Veröffentlichung ist schon entschieden."]);
        }

        if (string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
        {
            throw new PublishingException(["Vier-Augen-Prinzip: Wer ein Paket hochgeladen hat, kann seine Veröffentlichung nicht selbst freigeben oder ablehnen."]);
        }

        return request;
    }

    private async Task SaveDecisionAsync(PublishingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict)
        {
            db.ChangeTracker.Clear();
            throw new PublishingException([$"Über die Veröffentlichung von „{request.Title}“ {request.Version} wurde gerade gleichzeitig entschieden. Es wurde nichts geändert."], conflict);
        }
    }

    private async Task<Municipality> OwnMunicipalityAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A package is published by one municipality: the scope acts for none.");
        return await db.Municipalities.AsNoTracking().SingleAsync(m => m.Id == tenantId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing request {RequestId} for package {PackageId} {Version} (key {Fingerprint}) handed in for tenant {TenantId} by {Actor}")]
    private static partial void LogRequested(ILogger logger, Guid requestId, string packageId, string version, string fingerprint, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing request {RequestId} for package {PackageId} {Version} of {Requester} approved by {Actor}; published in the catalogue")]
    private static partial void LogApproved(ILogger logger, Guid requestId, string packageId, string version, string requester, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing request {RequestId} for package {PackageId} {Version} refused by {Actor}")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string packageId, string version, string actor);
}

/// <summary>A refusal of <see cref="PackagePublishing"/>: nothing changed. The problems are German lines.</summary>
public sealed class PublishingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PublishingException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception with a cause.</summary>
    public PublishingException(IReadOnlyList<string> problems, Exception innerException)
        : base(string.Join(Environment.NewLine, problems), innerException) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public PublishingException()
        : this(["Das Paket wurde nicht veröffentlicht."])
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishingException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishingException(string message, Exception innerException)
        : this([message], innerException)
    {
    }

    /// <summary>The German problems, one per line.</summary>
    public IReadOnlyList<string> Problems { get; }
}
