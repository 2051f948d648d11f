using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Library;

/// <summary>
/// Puts a process package into the current municipality (issue 14): verifies the signature, validates the package with
/// <see cref="PackageValidator"/>, checks the parameter values against the manifest, and then, in one transaction of the
/// platform and the engine, records the archive in <see cref="PlatformDbContext.LibraryPackages"/>, registers the
/// package's letters (<c>briefe/*.txt</c>) as the municipality's letter templates, deploys its models, forms and
/// decisions as one deployment (<see cref="IProcessEngine.DeployAsync"/>, the studio's path) and records the
/// <see cref="PackageInstallation"/>. If any step fails, nothing of it remains.
/// </summary>
/// <remarks>
/// The deployment goes straight to the engine: the CLI and the demo install as the operator or the platform would, not
/// as a designer, so the municipality's Vier-Augen-Prinzip for the studio's deployments does not stop it. The browser's
/// library will have to ask for approval where the municipality has it on.
/// A newer version of an installed package is an update: new versions of its processes, decisions and forms (running
/// instances stay on theirs), the parameter values kept (new parameters take their defaults, removed ones are dropped),
/// its letters replaced; the result names elements that were removed while instances wait at them.
/// </remarks>
public sealed class PackageInstaller(
    PlatformDbContext db,
    IProcessEngine engine,
    UnitOfWork unitOfWork,
    TenantContext tenant,
    PackageParameterCache parameterCache,
    TimeProvider clock)
{
    /// <summary>The unit of work's modules: the platform owns the transaction, the engine joins it.</summary>
    private static readonly IReadOnlyList<string> Modules = [PlatformModule, EngineServiceCollectionExtensions.Module];

    /// <summary>The platform's module name (<c>AddModuleDbContext</c> in <see cref="AmtswegApp"/>).</summary>
    public const string PlatformModule = "Platform";

    /// <summary>
    /// Installs (or updates to) the package in <paramref name="archive"/>, a signed <c>.amtsweg-paket</c> or, with
    /// <paramref name="allowUnsigned"/>, a zip of a package folder.
    /// </summary>
    /// <exception cref="PackageReadException">The archive cannot be read safely (not a zip, path traversal, too large).</exception>
    /// <exception cref="PackageInstallException">The package is refused; nothing was installed.</exception>
    public async Task<PackageInstallResult> InstallAsync(
        byte[] archive,
        LibraryPackageOrigin origin,
        IReadOnlyDictionary<string, JsonNode?> parameters,
        string actor,
        bool allowUnsigned,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var files = await ReadAsync(archive, cancellationToken);
        return await InstallAsync(files, archive, origin, parameters, actor, allowUnsigned, cancellationToken);
    }

    /// <summary>Installs (or updates to) a package version the installation already knows.</summary>
    /// <exception cref="PackageInstallException">The package is refused; nothing was installed.</exception>
    public async Task<PackageInstallResult> InstallAsync(Guid libraryPackageId, IReadOnlyDictionary<string, JsonNode?> parameters, string actor, CancellationToken cancellationToken)
    {
        var known = await db.LibraryPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == libraryPackageId, cancellationToken)
            ?? throw new PackageInstallException(["Das Paket gibt es in der Bibliothek nicht."]);
        var files = await ReadAsync(known.Archive, cancellationToken);

        // A row without key holds a package shipped with the platform (or a developer's folder); one with a key was verified when it came.
        return await InstallAsync(files, known.Archive, known.Origin, parameters, actor, allowUnsigned: known.PublisherPublicKey is null, cancellationToken);
    }

    /// <summary>
    /// Changes the parameter values of an installed package without deploying anything: processes read <c>parameter</c>
    /// when an instance starts (<see cref="PackageParameterCache"/>), so new instances get the new values and running ones
    /// keep theirs. Values not given stay as they are.
    /// </summary>
    /// <exception cref="PackageInstallException">The package is not installed, or a value is refused; nothing was changed.</exception>
    public async Task<JsonObject> ChangeParametersAsync(string packageId, IReadOnlyDictionary<string, JsonNode?> parameters, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A package's parameters belong to one municipality: the scope acts for none.");
        var installed = await db.PackageInstallations.SingleOrDefaultAsync(i => i.PackageId == packageId, cancellationToken)
            ?? throw new PackageInstallException([$"Das Paket „{packageId}“ ist in dieser Gemeinde nicht installiert."]);
        var archive = await db.LibraryPackages.AsNoTracking().Where(p => p.Id == installed.LibraryPackageId).Select(p => p.Archive).SingleAsync(cancellationToken);
        var files = await ReadAsync(archive, cancellationToken);
        var manifest = ManifestReader.Read(files.Text(PackageLayout.Manifest));
        var (values, problems) = PackageParameterValues.Merge(manifest, parameters, PackageParameterValues.Read(installed.Parameters));
        if (problems.Count > 0)
        {
            throw new PackageInstallException(problems);
        }

        installed.Parameters = values.ToJsonString();
        installed.UpdatedBy = actor;
        installed.UpdatedAt = clock.GetUtcNow();
        installed.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            throw new PackageInstallException([$"Das Paket „{manifest.Title}“ wurde gerade gleichzeitig geändert. Es wurde nichts geändert; versuchen Sie es erneut."], conflict);
        }

        parameterCache.Invalidate(tenantId);
        return values;
    }

    /// <summary>A zip of a package folder's files as read (<see cref="PackageReader.ReadFolderAsync"/>), entries in name order: the archive of a shipped package.</summary>
    public static byte[] Zip(PackageFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return PackageSigner.Zip(files.Files);
    }

    private static async Task<PackageFiles> ReadAsync(byte[] archive, CancellationToken cancellationToken)
    {
        if (archive.Length > PackageLimits.MaxTotalBytes)
        {
            throw new PackageReadException($"Das Archiv ist größer als {PackageLimits.MaxTotalBytes / (1024 * 1024)} MB.");
        }

        using var stream = new MemoryStream(archive, writable: false);
        return await PackageReader.ReadZipAsync(stream, "Paket", cancellationToken);
    }

    private async Task<PackageInstallResult> InstallAsync(
        PackageFiles files,
        byte[] archive,
        LibraryPackageOrigin origin,
        IReadOnlyDictionary<string, JsonNode?> given,
        string actor,
        bool allowUnsigned,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A package is installed into one municipality: the scope acts for none.");

        string? publicKey = null;
        if (files.Signature is not null)
        {
            var verification = PackageSigner.Verify(files);
            if (!verification.IsValid)
            {
                throw new PackageInstallException(["Die Signatur des Pakets ist ungültig:", .. verification.Problems]);
            }

            publicKey = verification.PublicKey;
        }
        else if (!allowUnsigned)
        {
            throw new PackageInstallException(["Das Paket ist nicht signiert (signatur.json fehlt). Installiert werden nur signierte Pakete (amtsweg package pack)."]);
        }

        var validation = await PackageValidator.ValidateAsync(files, cancellationToken);
        if (!validation.IsValid)
        {
            throw new PackageInstallException([$"Das Paket ist nicht gültig ({validation.Problems.Count} Probleme):", .. validation.Problems.Select(p => p.ToString())]);
        }

        var manifest = validation.Manifest!;
        var installed = await db.PackageInstallations.SingleOrDefaultAsync(i => i.PackageId == manifest.Id, cancellationToken);
        if (installed is not null)
        {
            var order = PackageVersion.Compare(manifest.Version, installed.Version);
            if (order == 0)
            {
                throw new PackageInstallException([$"Das Paket „{manifest.Title}“ ({manifest.Id}) ist in Version {manifest.Version} schon installiert. Es wurde nichts geändert."]);
            }

            if (order < 0)
            {
                throw new PackageInstallException([$"Vom Paket „{manifest.Title}“ ({manifest.Id}) ist schon die neuere Version {installed.Version} installiert; Version {manifest.Version} wird nicht installiert."]);
            }
        }

        var (values, parameterProblems) = PackageParameterValues.Merge(manifest, given, installed is null ? null : PackageParameterValues.Read(installed.Parameters));
        if (parameterProblems.Count > 0)
        {
            throw new PackageInstallException(parameterProblems);
        }

        var letters = files.In("briefe", ".txt").Order(StringComparer.Ordinal).Select(path => (Key: Path.GetFileNameWithoutExtension(path), Text: files.Text(path))).ToList();
        var existing = await LetterConflictsAsync(manifest, letters, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(archive));
        var now = clock.GetUtcNow();

        await using (var work = await unitOfWork.BeginAsync(Modules, cancellationToken))
        {
            var known = await KnownPackageAsync(manifest, archive, sha256, publicKey, origin, actor, now, cancellationToken);
            foreach (var (key, text) in letters)
            {
                if (existing.TryGetValue(key, out var template))
                {
                    template.Text = text;
                    template.UpdatedBy = actor;
                    template.UpdatedAt = now;
                }
                else
                {
                    db.LetterTemplates.Add(new MunicipalityLetterTemplate { Id = Guid.CreateVersion7(), Key = key, Text = text, PackageId = manifest.Id, UpdatedBy = actor, UpdatedAt = now });
                }
            }

            // Saved before the deployment, in its transaction: the letter tasks' header check finds the package's letters.
            await db.SaveChangesAsync(cancellationToken);

            var removed = installed is null ? [] : await RemovedWhileWaitingAsync(installed, files, cancellationToken);
            DeploymentInfo deployment;
            try
            {
                deployment = await engine.DeployAsync(
                    new DeploymentRequest($"Paket {manifest.Id} {manifest.Version}", Resources(files), actor)
                    {
                        Comment = installed is null
                            ? $"Paket „{manifest.Title}“ in Version {manifest.Version} installiert."
                            : $"Paket „{manifest.Title}“ von Version {installed.Version} auf {manifest.Version} aktualisiert.",
                    },
                    cancellationToken);
            }
            catch (DeploymentFailedException refused)
            {
                throw new PackageInstallException([
                    "Die Bereitstellung des Pakets wurde abgelehnt:",
                    .. refused.Problems.Select(p => $"{p.Resource}: {(p.Problem.ElementId is { } element ? element + ": " : "")}{p.Problem.MessageGerman}"),
                ]);
            }

            var decisions = (await engine.ListDecisionDefinitionsAsync(cancellationToken)).Where(d => d.DeploymentId == deployment.Id);
            var parts = new InstalledParts(
                deployment.Id,
                [.. deployment.ProcessDefinitions.Select(p => new InstalledDefinition(p.ProcessId, p.Version))],
                [.. decisions.OrderBy(d => d.DecisionId, StringComparer.Ordinal).Select(d => new InstalledDefinition(d.DecisionId, d.Version))],
                [.. (deployment.Forms ?? []).Select(f => new InstalledDefinition(f.FormId, f.Version))],
                [.. letters.Select(l => l.Key)]);

            var previousVersion = installed?.Version;
            if (installed is null)
            {
                db.PackageInstallations.Add(new PackageInstallation
                {
                    Id = Guid.CreateVersion7(),
                    PackageId = manifest.Id,
                    Version = manifest.Version,
                    LibraryPackageId = known.Id,
                    Parameters = values.ToJsonString(),
                    Deployed = JsonSerializer.Serialize(parts, InstalledParts.Json),
                    InstalledBy = actor,
                    InstalledAt = now,
                    UpdatedBy = actor,
                    UpdatedAt = now,
                    Revision = 1,
                });
            }
            else
            {
                installed.Version = manifest.Version;
                installed.LibraryPackageId = known.Id;
                installed.Parameters = values.ToJsonString();
                installed.Deployed = JsonSerializer.Serialize(parts, InstalledParts.Json);
                installed.UpdatedBy = actor;
                installed.UpdatedAt = now;
                installed.Revision++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException conflict)
            {
                throw new PackageInstallException([$"Das Paket „{manifest.Title}“ wurde gerade gleichzeitig installiert oder aktualisiert. Es wurde nichts geändert; versuchen Sie es erneut."], conflict);
            }

            await work.CommitAsync(cancellationToken);
            parameterCache.Invalidate(tenantId);
            return new PackageInstallResult(
                installed is null || previousVersion is null ? PackageInstallKind.Installed : PackageInstallKind.Updated,
                manifest,
                previousVersion,
                publicKey,
                values,
                parts,
                removed);
        }
    }

    /// <summary>
    /// The municipality's templates the package's letters replace (its own, from an earlier version), by key; refuses a
    /// key that is a shipped template's or belongs to a template the package did not bring.
    /// </summary>
    private async Task<Dictionary<string, MunicipalityLetterTemplate>> LetterConflictsAsync(PackageManifest manifest, List<(string Key, string Text)> letters, CancellationToken cancellationToken)
    {
        var keys = letters.Select(l => l.Key).ToList();
        var problems = new List<string>();
        foreach (var key in keys.Where(k => k.Length > MunicipalityLetterTemplate.KeyMaxLength || !LetterTemplate.IsValidKey(k)))
        {
            problems.Add($"briefe/{key}.txt: Der Dateiname taugt nicht als Schlüssel einer Briefvorlage (Kleinbuchstaben, Ziffern und Bindestriche, höchstens {MunicipalityLetterTemplate.KeyMaxLength} Zeichen).");
        }

        foreach (var (key, _) in letters.Where(l => l.Text.Length > MunicipalityLetterTemplate.TextMaxLength))
        {
            problems.Add($"briefe/{key}.txt: Die Briefvorlage ist länger als {MunicipalityLetterTemplate.TextMaxLength} Zeichen.");
        }

        foreach (var key in keys.Where(k => LetterTemplate.Find(k) is not null))
        {
            problems.Add($"briefe/{key}.txt: „{key}“ ist eine mitgelieferte Briefvorlage der Plattform; ein Paket darf sie nicht ersetzen. Benennen Sie die Vorlage im Paket um.");
        }

        var existing = await db.LetterTemplates.Where(t => keys.Contains(t.Key)).ToListAsync(cancellationToken);
        foreach (var template in existing.Where(t => t.PackageId != manifest.Id).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            problems.Add(template.PackageId is null
                ? $"briefe/{template.Key}.txt: Die Gemeinde hat schon eine eigene Briefvorlage „{template.Key}“ (von der Administration angelegt). Sie wird nicht überschrieben; benennen Sie eine der beiden um."
                : $"briefe/{template.Key}.txt: Die Briefvorlage „{template.Key}“ gehört schon zum installierten Paket „{template.PackageId}“. Sie wird nicht überschrieben.");
        }

        if (problems.Count > 0)
        {
            throw new PackageInstallException(problems);
        }

        return existing.ToDictionary(t => t.Key, StringComparer.Ordinal);
    }

    /// <summary>The row of this package version in the installation's library: the one there (same content), or a new one.</summary>
    private async Task<LibraryPackage> KnownPackageAsync(PackageManifest manifest, byte[] archive, string sha256, string? publicKey, LibraryPackageOrigin origin, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.LibraryPackages.SingleOrDefaultAsync(p => p.PackageId == manifest.Id && p.Version == manifest.Version, cancellationToken);
        if (known is not null)
        {
            return known.Sha256 == sha256
                ? known
                : throw new PackageInstallException([$"Die Bibliothek kennt das Paket „{manifest.Id}“ in Version {manifest.Version} schon, aber mit anderem Inhalt. Eine veröffentlichte Version ändert sich nicht: Der Herausgeber muss eine neue Versionsnummer vergeben."]);
        }

        known = LibraryPackage.Of(manifest, archive, sha256, publicKey, origin, actor, now);
        db.LibraryPackages.Add(known);
        return known;
    }

    /// <summary>The package's models, forms and decisions as one deployment, by file name.</summary>
    private static List<DeploymentResource> Resources(PackageFiles files) =>
    [
        .. files.In("prozesse", ".bpmn").Order(StringComparer.Ordinal).Select(path => new DeploymentResource(Path.GetFileName(path), files.Text(path))),
        .. files.In("formulare", ".form").Order(StringComparer.Ordinal).Select(path => new DeploymentResource(Path.GetFileName(path), files.Text(path))),
        .. files.In("entscheidungen", ".dmn").Order(StringComparer.Ordinal).Select(path => new DeploymentResource(Path.GetFileName(path), files.Text(path))),
    ];

    /// <summary>
    /// Elements of the installed processes that the new version no longer has while instances wait at them: they stay on
    /// their version, and whoever updates should know.
    /// </summary>
    private async Task<IReadOnlyList<string>> RemovedWhileWaitingAsync(PackageInstallation installed, PackageFiles files, CancellationToken cancellationToken)
    {
        var models = files.In("prozesse", ".bpmn").Select(path => BpmnReader.Parse(files.Text(path))).ToList();
        var before = JsonSerializer.Deserialize<InstalledParts>(installed.Deployed, InstalledParts.Json)?.Processes ?? [];
        var notes = new List<string>();
        foreach (var process in before)
        {
            var waiting = new List<ElementInstanceInfo>();
            for (var skip = 0; ; skip += 500)
            {
                var page = await engine.QueryElementInstancesAsync(new ElementInstanceQuery { ProcessId = process.Id, Skip = skip, Take = 500 }, cancellationToken);
                waiting.AddRange(page.Items);
                if (page.Items.Count < 500)
                {
                    break;
                }
            }

            var stillThere = models.FirstOrDefault(m => m.Processes.Any(p => p.Id == process.Id));
            foreach (var element in waiting.Where(e => e.ElementType != "process" && stillThere?.FindElement(e.ElementId) is null)
                .GroupBy(e => e.ElementId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var name = element.First().ElementName is { Length: > 0 } named ? $"„{named}“ ({element.Key})" : element.Key;
                var count = element.Select(e => e.ProcessInstanceId).Distinct().Count();
                notes.Add(count == 1
                    ? $"Prozess {process.Id}: Der Schritt {name} fehlt in der neuen Version; ein laufender Vorgang wartet dort und bleibt auf seiner Version."
                    : $"Prozess {process.Id}: Der Schritt {name} fehlt in der neuen Version; {count} laufende Vorgänge warten dort und bleiben auf ihrer Version.");
            }
        }

        return notes;
    }
}

/// <summary>Whether <see cref="PackageInstaller"/> installed a package the municipality did not have, or updated it.</summary>
public enum PackageInstallKind
{
    /// <summary>Installed for the first time.</summary>
    Installed,

    /// <summary>Updated from an older version.</summary>
    Updated,
}

/// <summary>What an installation or update did.</summary>
/// <param name="Kind">Installed or updated.</param>
/// <param name="Manifest">The installed version's manifest.</param>
/// <param name="PreviousVersion">The version before an update, or null.</param>
/// <param name="PublicKey">The publisher's key that signed it (base64), or null for an unsigned package.</param>
/// <param name="Parameters">The municipality's parameter values now.</param>
/// <param name="Deployed">What was deployed and registered.</param>
/// <param name="RemovedWhileWaiting">German notes on elements the update removed while instances wait at them.</param>
public sealed record PackageInstallResult(
    PackageInstallKind Kind,
    PackageManifest Manifest,
    string? PreviousVersion,
    string? PublicKey,
    JsonObject Parameters,
    InstalledParts Deployed,
    IReadOnlyList<string> RemovedWhileWaiting);

/// <summary>What an installation deployed (stored in <see cref="PackageInstallation.Deployed"/>).</summary>
/// <param name="DeploymentId">The engine's deployment.</param>
/// <param name="Processes">Process ids with the version deployed.</param>
/// <param name="Decisions">Decision ids with the version deployed.</param>
/// <param name="Forms">Form ids with the version deployed.</param>
/// <param name="Letters">The letter template keys registered.</param>
public sealed record InstalledParts(
    Guid DeploymentId,
    IReadOnlyList<InstalledDefinition> Processes,
    IReadOnlyList<InstalledDefinition> Decisions,
    IReadOnlyList<InstalledDefinition> Forms,
    IReadOnlyList<string> Letters)
{
    /// <summary>How it is stored.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>An id with the version an installation deployed.</summary>
public sealed record InstalledDefinition(string Id, int Version);

/// <summary>A package refused by <see cref="PackageInstaller"/>: nothing was installed. The problems are German lines.</summary>
public sealed class PackageInstallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageInstallException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception with a cause.</summary>
    public PackageInstallException(IReadOnlyList<string> problems, Exception innerException)
        : base(string.Join(Environment.NewLine, problems), innerException) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public PackageInstallException()
        : this(["Das Paket wurde nicht installiert."])
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageInstallException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageInstallException(string message, Exception innerException)
        : this([message], innerException)
    {
    }

    /// <summary>The German problems, one per line.</summary>
    public IReadOnlyList<string> Problems { get; }
}
