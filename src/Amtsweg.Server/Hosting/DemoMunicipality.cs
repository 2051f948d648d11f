using System.Text;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Administration.Teams;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Hosting;

/// <summary>The demo municipality "Musterstadt" with one user per role, created on an empty embedded database.</summary>
public static class DemoMunicipality
{
    /// <summary>Name of the demo municipality.</summary>
    public const string Name = "Musterstadt";

    /// <summary>A fictitious AGS in Bavaria (no district has the number 999).</summary>
    public const string Ags = "09999999";

    private static readonly (string UserName, string DisplayName, string Role)[] Users =
    [
        ("sachbearbeitung", "Sabine Sachbearbeiterin", Roles.Sachbearbeitung),
        ("leitung", "Lars Leiter", Roles.Leitung),
        ("prozessgestaltung", "Paula Prozessgestalterin", Roles.Prozessgestaltung),
        ("administration", "Anton Administrator", Roles.Administration),
        ("betrieb", "Bernd Betrieb (IT-Dienstleister)", Roles.Betrieb),
    ];

    /// <summary>A small Aktenplan after the KGSt file plan, so that the demo can file Vorgänge from the start.</summary>
    public const string Aktenplan = """
        Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung
        0;Allgemeine Verwaltung;;10;bewerten
        0.10;Gemeindeorgane;0;30;archivieren
        3;Öffentliche Sicherheit und Ordnung;;10;bewerten
        32;Ordnungsangelegenheiten;3;10;bewerten
        32.10;Gewerbeangelegenheiten;32;10;bewerten
        33;Einwohnerwesen;3;10;vernichten
        6;Bauwesen;;30;archivieren
        63;Bauaufsicht;6;30;archivieren
        """;

    /// <summary>Creates the demo Aktenplan for the municipality, acting for it in <paramref name="scoped"/>.</summary>
    public static async Task CreateAktenplanAsync(IServiceProvider scoped, Guid municipalityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        scoped.GetRequiredService<TenantContext>().UseTenant(municipalityId);
        await scoped.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new ImportAktenplanCommand(Aktenplan), "demo", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the demo municipality a letterhead, acting for it in <paramref name="scoped"/>.</summary>
    public static async Task CreateLetterheadAsync(IServiceProvider scoped, Guid municipalityId, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(clock);
        scoped.GetRequiredService<TenantContext>().UseTenant(municipalityId);
        var db = scoped.GetRequiredService<PlatformDbContext>();
        using var logo = typeof(DemoMunicipality).Assembly.GetManifestResourceStream("Amtsweg.Server.Hosting.DemoWappen.png")
            ?? throw new InvalidOperationException("The demo coat of arms is not embedded.");
        using var bytes = new MemoryStream();
        await logo.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        db.Letterheads.Add(new MunicipalityLetterhead
        {
            Id = Guid.CreateVersion7(),
            TenantId = municipalityId,
            Title = "Gemeinde " + Name,
            Address = "Rathausplatz 1\n99999 " + Name,
            Phone = "09999 1234-0",
            Email = "rathaus@musterstadt.example",
            Web = "www.musterstadt.example",
            OpeningHours = "Mo–Fr 8:00–12:00 Uhr\nDo 14:00–18:00 Uhr",
            BankDetails = "Sparkasse Musterstadt\nIBAN DE02 1203 0000 0000 2020 51\nBIC BYLADEM1001",
            Logo = bytes.ToArray(),
            LogoContentType = "image/png",
            UpdatedBy = "demo",
            UpdatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The teams the shipped packages offer tasks to (their candidate groups and the groups their decisions choose),
    /// besides the roles <c>sachbearbeitung</c> and <c>leitung</c>.
    /// </summary>
    private static readonly (string Key, string Name, string Description)[] Teams =
    [
        ("bauhof", "Bauhof", "Beseitigt gemeldete Mängel an Straßen, Wegen und Grünflächen (Bürgeranliegen)."),
        ("ordnungsamt", "Ordnungsamt", "Ordnungsrechtliche Anliegen und Stellungnahmen zu Veranstaltungen."),
        ("strassenverkehr", "Straßenverkehr", "Stellungnahmen zu Veranstaltungen im öffentlichen Verkehrsraum."),
        ("strassenverkehrsbehoerde", "Straßenverkehrsbehörde", "Stellungnahmen zu Sondernutzungen, etwa einem Gerüst auf dem Gehweg."),
        ("feuerwehr", "Feuerwehr", "Stellungnahmen zum Brandschutz bei Veranstaltungen."),
        ("gewerbe", "Gewerbe", "Stellungnahmen der Gewerbeaufsicht zu Veranstaltungen."),
    ];

    /// <summary>
    /// Installs the standard processes of <c>library/</c> (<see cref="ShippedPackages"/>) into the demo municipality with
    /// their defaults, origin <c>mitgeliefert</c>, and creates the teams they name with the demo clerk as member of each,
    /// so that the clerk's inbox offers their tasks. Acts for the municipality in <paramref name="scoped"/>.
    /// </summary>
    public static async Task InstallPackagesAsync(IServiceProvider scoped, Guid municipalityId, Guid clerkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        scoped.GetRequiredService<TenantContext>().UseTenant(municipalityId);
        var teams = scoped.GetRequiredService<TeamAdministration>();
        foreach (var (key, name, description) in Teams)
        {
            var team = await teams.CreateAsync(key, name, description, "demo", cancellationToken).ConfigureAwait(false);
            var member = team.Succeeded ? await teams.AddMemberAsync(team.Value!.Id, clerkId, "demo", cancellationToken).ConfigureAwait(false) : null;
            if (member is not { Succeeded: true })
            {
                var errors = member?.Errors ?? team.Errors;
                throw new InvalidOperationException($"The demo team '{key}' could not be created: {string.Join(" ", errors.Select(e => e.Message))}");
            }
        }

        var installer = scoped.GetRequiredService<PackageInstaller>();
        foreach (var (_, archive) in ShippedPackages.All())
        {
            await installer.InstallAsync(archive, LibraryPackageOrigin.Mitgeliefert, new Dictionary<string, JsonNode?>(), "demo", allowUnsigned: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the municipality and its users; returns their freshly generated passwords.</summary>
    public static async Task<IReadOnlyList<CreatedUser>> CreateAsync(PlatformAdministration administration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(administration);
        var municipality = await administration.CreateMunicipalityAsync(Ags, Name, cancellationToken, isTest: true).ConfigureAwait(false);
        if (!municipality.Succeeded)
        {
            throw new InvalidOperationException(municipality.Error);
        }

        var created = new List<CreatedUser>();
        foreach (var (userName, displayName, role) in Users)
        {
            var ags = role == Roles.Betrieb ? null : Ags;
            var user = await administration.CreateUserAsync(ags, userName, displayName, role, cancellationToken).ConfigureAwait(false);
            created.Add(user.Value ?? throw new InvalidOperationException(user.Error));
        }

        return created;
    }

    /// <summary>The text printed once after creation: user names, roles and initial passwords.</summary>
    public static string Describe(IReadOnlyList<CreatedUser> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"Demo-Gemeinde „{Name}“ (AGS {Ags}) angelegt. Die Kennwörter werden nur dieses eine Mal angezeigt:");
        foreach (var credential in credentials)
        {
            text.AppendLine($"  Benutzer: {credential.User.UserName,-20} Rolle: {string.Join(", ", credential.Roles),-20} Kennwort: {credential.InitialPassword}");
        }

        return text.ToString();
    }
}
