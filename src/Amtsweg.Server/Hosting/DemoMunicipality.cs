using System.Text;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
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

    /// <summary>Creates the municipality and its users; returns their freshly generated passwords.</summary>
    public static async Task<IReadOnlyList<CreatedUser>> CreateAsync(PlatformAdministration administration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(administration);
        var municipality = await administration.CreateMunicipalityAsync(Ags, Name, cancellationToken).ConfigureAwait(false);
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
            text.AppendLine($"  Benutzer: {credential.User.UserName,-20} Rolle: {credential.Role,-20} Kennwort: {credential.InitialPassword}");
        }

        return text.ToString();
    }
}
