using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Features.Library.Bibliothek;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// Issue 14.3, the library in the browser: <c>/bibliothek</c> (list, search, usage counts), <c>/bibliothek/paket</c>
/// (documentation, diagram, parameters, versions), <c>/bibliothek/uebernehmen</c> (adopt, change values) and
/// <c>/bibliothek/aktualisieren</c> (changes, update; running instances stay on their version).
/// </summary>
public sealed class LibraryPagesTests
{
    private const string PackageId = "hundesteuer-test";

    [Theory]
    [AllProviders]
    public async Task List_ShowsOwnVersionAndUsageCounts_ButNoOtherMunicipalityByName(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var user = await factory.CreateMunicipalityAsync("Andersdorf");
        var viewer = await factory.CreateMunicipalityAsync("Schaustadt");
        using var package = new PackageFixture();
        await package.InstallAsync(factory, user);
        var other = await factory.SignInAsAsync(viewer, Roles.Prozessgestaltung);
        var own = await factory.SignInAsAsync(user, Roles.Prozessgestaltung);

        var seenByOther = WebUtility.HtmlDecode(await other.GetStringAsync(LibraryPages.ListPath));
        var seenByUser = WebUtility.HtmlDecode(await own.GetStringAsync(LibraryPages.ListPath));
        var packagePage = WebUtility.HtmlDecode(await other.GetStringAsync(LibraryPages.PackageUrl(PackageId)));

        Assert.Contains("Hundesteuer: Anmeldung (Testpaket)", seenByOther, StringComparison.Ordinal);
        Assert.Contains("Nicht übernommen.", seenByOther, StringComparison.Ordinal);
        Assert.Contains("1 Gemeinde (Version 1.0.0: 1)", seenByOther, StringComparison.Ordinal);
        Assert.Contains("Musterstadt (AGS 09999999)", seenByOther, StringComparison.Ordinal);
        Assert.DoesNotContain("Andersdorf", seenByOther, StringComparison.Ordinal);
        Assert.DoesNotContain("Andersdorf", packagePage, StringComparison.Ordinal);
        Assert.Contains("1 Gemeinde (Version 1.0.0: 1)", packagePage, StringComparison.Ordinal);
        Assert.Contains("übernommen in Version 1.0.0", seenByUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Search_FindsByTitleDescriptionLeikaAndTag_IgnoringCaseAndUmlautSpelling_AndSaysWhenNothingIsFound()
    {
        await using var factory = await CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        package.Manifest(m =>
        {
            m["leika"] = new JsonArray("99050012104000");
            m["tags"] = new JsonArray("Steuern", "Hund", "Gebühren");
        });
        await AddToLibraryAsync(factory, package);
        using var second = new PackageFixture();
        second.Manifest(m =>
        {
            m["id"] = "fundsache-test";
            m["title"] = "Fundsache annehmen";
            m["description"] = "Eine Fundsache wird angenommen, verwahrt und herausgegeben.";
            m["tags"] = new JsonArray("Fundbüro");
        });
        await AddToLibraryAsync(factory, second);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        async Task<(bool Dog, bool Found)> SearchAsync(string query)
        {
            var html = WebUtility.HtmlDecode(await designer.GetStringAsync(LibraryPages.ListPath + "?" + query));
            return (html.Contains("data-package=\"hundesteuer-test\"", StringComparison.Ordinal), html.Contains("data-package=\"fundsache-test\"", StringComparison.Ordinal));
        }

        Assert.Equal((true, true), await SearchAsync(""));
        Assert.Equal((true, false), await SearchAsync("suche=HUNDESTEUER"));
        Assert.Equal((true, false), await SearchAsync("suche=gebuehren"));
        Assert.Equal((true, false), await SearchAsync("suche=Geb%C3%BChren"));
        Assert.Equal((false, true), await SearchAsync("suche=fundburo"));
        Assert.Equal((true, false), await SearchAsync("suche=99050012104000"));
        Assert.Equal((true, false), await SearchAsync("suche=widerspruchsfrist+bescheid"));
        Assert.Equal((false, true), await SearchAsync("schlagwort=Fundb%C3%BCro"));
        Assert.Equal((true, false), await SearchAsync("schlagwort=hund"));
        var none = WebUtility.HtmlDecode(await designer.GetStringAsync(LibraryPages.ListPath + "?suche=Baumf%C3%A4llung"));
        Assert.Contains("Kein Paket passt zu Ihrer Suche.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_AreReadByLeitungAndAdministration_AdoptedOnlyByProzessgestaltung_AndClosedToClerks()
    {
        await using var factory = await CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await AddToLibraryAsync(factory, package);
        var adopt = LibraryPages.AdoptUrl(PackageId, "1.0.0");

        foreach (var role in new[] { Roles.Leitung, Roles.Administration, Roles.Prozessgestaltung })
        {
            var client = await factory.SignInAsAsync(municipality, role);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LibraryPages.ListPath)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LibraryPages.PackageUrl(PackageId))).StatusCode);
            var adoptPage = await client.GetAsync(adopt);
            if (role == Roles.Prozessgestaltung)
            {
                Assert.Equal(HttpStatusCode.OK, adoptPage.StatusCode);
                Assert.Contains("<a href=\"/bibliothek\"", await (await client.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("/fehler/403", adoptPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
                Assert.Contains("/fehler/403", (await client.GetAsync(LibraryPages.UpdateUrl(PackageId, "1.0.0"))).Headers.Location?.OriginalString, StringComparison.Ordinal);
                Assert.DoesNotContain(">Übernehmen<", WebUtility.HtmlDecode(await client.GetStringAsync(LibraryPages.PackageUrl(PackageId))), StringComparison.Ordinal);
            }
        }

        var clerk = await factory.SignInAsClerkAsync(municipality);
        Assert.Contains("/fehler/403", (await clerk.GetAsync(LibraryPages.ListPath)).Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", (await clerk.GetAsync(LibraryPages.PackageUrl(PackageId))).Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/bibliothek\"", await (await clerk.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var leitung = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var leitungToken = await AmtswegFactory.AntiforgeryTokenAsync(leitung, LibraryPages.PackageUrl(PackageId));
        var refused = await leitung.PostAsync(adopt + "&handler=Uebernehmen", Form(leitungToken, new() { ["parameter-steuerErsterHund"] = "90", ["parameter-widerspruchsfrist"] = "P14D" }));
        Assert.Contains("/fehler/403", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await InstallationsAsync(factory, municipality));
    }

    [Fact]
    public async Task PackagePage_ShowsSanitisedDocumentation_ParametersContentsAndVersions_AndServesTheDiagram()
    {
        await using var factory = await CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        File.AppendAllText(Path.Combine(package.Path, "doku", "so-laeuft-der-vorgang.md"),
            "\n\n## Fallstricke\n\n<script>alert('x')</script>\n\n[Satzung](https://example.org/satzung) und [böse](javascript:alert(1)) und ![Bild](https://example.org/a.png)\n");
        await AddToLibraryAsync(factory, package);
        using var newer = new PackageFixture();
        newer.Manifest(m => m["version"] = "1.1.0");
        await AddToLibraryAsync(factory, newer);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var raw = await designer.GetStringAsync(LibraryPages.PackageUrl(PackageId, "1.0.0"));
        var page = WebUtility.HtmlDecode(raw);
        var diagram = await designer.GetAsync(LibraryPages.DiagramUrl(PackageId, "1.0.0", "anmeldung.bpmn"));
        var missing = await designer.GetAsync(LibraryPages.DiagramUrl(PackageId, "1.0.0", "../amtsweg-package.json"));
        var unknownVersion = await designer.GetAsync(LibraryPages.PackageUrl(PackageId, "7.0.0"));
        var unknownPackage = await designer.GetAsync(LibraryPages.PackageUrl("gibt-es-nicht"));

        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", raw, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/satzung\">Satzung</a>", raw, StringComparison.Ordinal);
        Assert.Contains("<h4", raw, StringComparison.Ordinal);
        Assert.Contains("Steuer je Hund (Euro/Jahr)", page, StringComparison.Ordinal);
        Assert.Contains("im Modell: parameter.widerspruchsfrist", page, StringComparison.Ordinal);
        Assert.Contains("Hundesteuersatzung der Musterstadt (Testdaten)", page, StringComparison.Ordinal);
        Assert.Contains("amtsweg:dokument-erzeugen", page, StringComparison.Ordinal);
        Assert.Contains("EUPL-1.2", page, StringComparison.Ordinal);
        Assert.Contains("neuere Version 1.1.0 ansehen", page, StringComparison.Ordinal);
        Assert.Contains("Version 1.1.0, hier seit", page, StringComparison.Ordinal);
        Assert.Contains("Das Modell „Hundeanmeldung“ enthält kein Diagramm-Layout", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, diagram.StatusCode);
        Assert.Contains("id=\"hundeanmeldung\"", await diagram.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPackage.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Adopt_RefusesBadValuesAtTheirFields_ThenInstalls_LinksWhatWasInstalled_AndRefusesASecondTime(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await AddToLibraryAsync(factory, package);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var adopt = LibraryPages.AdoptUrl(PackageId, "1.0.0");

        var form = WebUtility.HtmlDecode(await designer.GetStringAsync(adopt));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, adopt);
        var bad = await designer.PostAsync(adopt + "&handler=Uebernehmen", Form(token, new() { ["parameter-steuerErsterHund"] = "neunzig", ["parameter-widerspruchsfrist"] = "zwei Wochen" }));
        var badPage = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        var installationsAfterBad = await InstallationsAsync(factory, municipality);
        var good = await designer.PostAsync(adopt + "&handler=Uebernehmen", Form(token, new() { ["parameter-steuerErsterHund"] = "120,50", ["parameter-widerspruchsfrist"] = "P21D" }));
        var packagePage = WebUtility.HtmlDecode(await designer.GetStringAsync(good.Headers.Location!.OriginalString));
        var twice = await designer.PostAsync(adopt + "&handler=Uebernehmen", Form(token, new() { ["parameter-steuerErsterHund"] = "1", ["parameter-widerspruchsfrist"] = "P1D" }));
        var twicePage = WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync());

        Assert.Contains("value=\"90\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"P14D\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("„Steuer je Hund (Euro/Jahr)“: Erwartet wird eine Zahl, zum Beispiel 12,50.", badPage, StringComparison.Ordinal);
        Assert.Contains("id=\"parameter-steuerErsterHund-error\"", badPage, StringComparison.Ordinal);
        Assert.Contains("„Widerspruchsfrist“: Erwartet wird eine Dauer", badPage, StringComparison.Ordinal);
        Assert.Contains("value=\"neunzig\"", badPage, StringComparison.Ordinal);
        Assert.Equal(0, installationsAfterBad);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(LibraryPages.PackageUrl(PackageId, "1.0.0"), good.Headers.Location!.OriginalString);
        Assert.Contains("„Hundesteuer: Anmeldung (Testpaket)“ Version 1.0.0 wurde übernommen: 1 Prozesse, 1 Formulare, 1 Entscheidungen und 1 Briefvorlagen.", packagePage, StringComparison.Ordinal);
        Assert.Contains(">Hundeanmeldung</a>", packagePage, StringComparison.Ordinal);
        Assert.Contains("/prozesse/formulare/bearbeiten?formular=hundeanmeldung-form", packagePage, StringComparison.Ordinal);
        Assert.Contains("/prozesse/entscheidungen/bearbeiten?entscheidung=stufe", packagePage, StringComparison.Ordinal);
        Assert.Contains("steuerbescheid", packagePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("ist in Version 1.0.0 schon übernommen. Es wurde nichts geändert", twicePage, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var installation = Assert.Single(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PackageInstallations.ToListAsync());
        Assert.Equal("""{"steuerErsterHund":120.50,"widerspruchsfrist":"P21D"}""", installation.Parameters);
        Assert.Single(await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ListProcessDefinitionsAsync());
    }

    [Theory]
    [AllProviders]
    public async Task ChangeValues_StoresNewValuesForNewInstances_RefusesBadOnes_AndAnotherMunicipalityCannotChangeThem(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Andersdorf");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        using var package = new PackageFixture();
        await package.InstallAsync(factory, municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var stranger = await factory.SignInAsAsync(foreign, Roles.Prozessgestaltung);
        var values = LibraryPages.AdoptUrl(PackageId, "1.0.0");

        var form = WebUtility.HtmlDecode(await designer.GetStringAsync(values));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, values);
        var bad = await designer.PostAsync(values + "&handler=Werte", Form(token, new() { ["parameter-steuerErsterHund"] = "", ["parameter-widerspruchsfrist"] = "P30D" }));
        var strangerToken = await AmtswegFactory.AntiforgeryTokenAsync(stranger, values);
        var foreignPost = await stranger.PostAsync(values + "&handler=Werte", Form(strangerToken, new() { ["parameter-steuerErsterHund"] = "1", ["parameter-widerspruchsfrist"] = "P1D" }));
        var foreignPage = WebUtility.HtmlDecode(await foreignPost.Content.ReadAsStringAsync());
        var unchanged = await ParametersAsync(factory, municipality);
        var good = await designer.PostAsync(values + "&handler=Werte", Form(token, new() { ["parameter-steuerErsterHund"] = "75", ["parameter-widerspruchsfrist"] = "P30D" }));

        Assert.Contains("Parameterwerte von „Hundesteuer: Anmeldung (Testpaket)“ ändern", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("„Steuer je Hund (Euro/Jahr)“ fehlt: Bitte geben Sie einen Wert ein.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, foreignPost.StatusCode);
        Assert.Contains("ist in Ihrer Gemeinde nicht übernommen", foreignPage, StringComparison.Ordinal);
        Assert.Equal("""{"steuerErsterHund":90,"widerspruchsfrist":"P14D"}""", unchanged);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("""{"steuerErsterHund":75,"widerspruchsfrist":"P30D"}""", await ParametersAsync(factory, municipality));
        Assert.Equal(0, await InstallationsAsync(factory, foreign));
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var started = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "hundeanmeldung" });
        Assert.Equal("""{"steuerErsterHund":75,"widerspruchsfrist":"P30D"}""", started.Variables["parameter"]!.ToJsonString());
    }

    [Theory]
    [AllProviders]
    public async Task Update_ShowsTheChangesAndNewParameter_RefusesABadValue_ThenUpdates_AndRunningInstancesStayOnTheirVersion(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = 120 });
        Guid running;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            running = (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "hundeanmeldung" })).Id;
        }

        using var newer = new PackageFixture();
        newer.Manifest(m =>
        {
            m["version"] = "1.1.0";
            m["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "ermaessigung", ["type"] = "integer", ["default"] = 50, ["label"] = "Ermäßigung in Prozent" });
        });
        newer.Replace("prozesse/anmeldung.bpmn", "name=\"Anmeldung prüfen\"", "name=\"Anmeldung gründlich prüfen\"");
        newer.Replace("briefe/steuerbescheid.txt", "setzen wir die Hundesteuer", "setzen wir die Steuer für Ihren Hund");
        await AddToLibraryAsync(factory, newer);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var update = LibraryPages.UpdateUrl(PackageId, "1.1.0");

        var packagePage = WebUtility.HtmlDecode(await designer.GetStringAsync(LibraryPages.PackageUrl(PackageId, "1.0.0")));
        var raw = await designer.GetStringAsync(update);
        var page = WebUtility.HtmlDecode(raw);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, update);
        var bad = await designer.PostAsync(update + "&handler=Aktualisieren", Form(token, new() { ["parameter-ermaessigung"] = "12,5" }));
        var versionAfterBad = await VersionAsync(factory, municipality);
        var good = await designer.PostAsync(update + "&handler=Aktualisieren", Form(token, new() { ["parameter-ermaessigung"] = "30" }));
        var after = WebUtility.HtmlDecode(await designer.GetStringAsync(good.Headers.Location!.OriginalString));
        var again = await designer.GetAsync(update);

        Assert.Contains("Version 1.1.0 ist verfügbar.", packagePage, StringComparison.Ordinal);
        Assert.Contains(LibraryPages.UpdateUrl(PackageId, "1.1.0").Replace("&", "&amp;", StringComparison.Ordinal), WebUtility.HtmlEncode(packagePage), StringComparison.Ordinal);
        Assert.Contains("<li class=\"change change-changed\" data-change-kind=\"changed\">", raw, StringComparison.Ordinal);
        Assert.Contains("Das Modell „Hundeanmeldung“ enthält kein Diagramm-Layout", page, StringComparison.Ordinal);
        Assert.Contains("Anmeldung gründlich prüfen", page, StringComparison.Ordinal);
        Assert.Contains("Parameter ‚Ermäßigung in Prozent‘ (ermaessigung) hinzugefügt", page, StringComparison.Ordinal);
        Assert.Contains("Hundesteuerbescheid (briefe/steuerbescheid.txt): geändert", page, StringComparison.Ordinal);
        Assert.Contains("setzen wir die Steuer für Ihren Hund", page, StringComparison.Ordinal);
        Assert.Contains("name=\"parameter-ermaessigung\" value=\"50\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"parameter-steuerErsterHund\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("„Ermäßigung in Prozent“: Erwartet wird eine ganze Zahl", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("1.0.0", versionAfterBad);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("wurde von Version 1.0.0 auf 1.1.0 aktualisiert", after, StringComparison.Ordinal);
        Assert.Equal("1.1.0", await VersionAsync(factory, municipality));
        Assert.Equal("""{"steuerErsterHund":120,"widerspruchsfrist":"P14D","ermaessigung":30}""", await ParametersAsync(factory, municipality));
        Assert.Contains("ist nicht neuer", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            var instance = await engine.GetProcessInstanceAsync(running);
            var definitions = await engine.ListProcessDefinitionsAsync();
            Assert.Equal(1, Assert.Single(definitions, d => d.Id == instance.ProcessDefinitionId).Version);
            Assert.Equal(["pruefen"], instance.ActiveElementIds);
            Assert.Equal(2, definitions.Where(d => d.ProcessId == "hundeanmeldung").Max(d => d.Version));
        }
    }

    [Fact]
    public async Task Update_OfAPackageNotAdopted_IsRefused_AndInstallsNothing()
    {
        await using var factory = await CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var other = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await package.InstallAsync(factory, other);
        using var newer = new PackageFixture();
        newer.Manifest(m => m["version"] = "1.1.0");
        await AddToLibraryAsync(factory, newer);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var update = LibraryPages.UpdateUrl(PackageId, "1.1.0");

        var page = WebUtility.HtmlDecode(await designer.GetStringAsync(update));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, update);
        var post = await designer.PostAsync(update + "&handler=Aktualisieren", Form(token, []));

        Assert.Contains("ist in Ihrer Gemeinde nicht übernommen; es gibt nichts zu aktualisieren", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Equal(0, await InstallationsAsync(factory, municipality));
        Assert.Equal("1.0.0", await VersionAsync(factory, other));
    }

    [Fact]
    public void Search_FoldsCaseUmlautsAndSharpS()
    {
        Assert.Equal(ShelfSearch.Fold("Straße GEBÜHREN Baumfällung"), ShelfSearch.Fold("strasse gebuehren baumfaellung"));
        Assert.Equal(ShelfSearch.Fold("Gebühr"), ShelfSearch.Fold("gebuhr"));
    }

    private static Task<AmtswegFactory> CreateAsync(DatabaseProvider provider) =>
        AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });

    /// <summary>Puts the fixture's folder into the installation's library without installing it anywhere.</summary>
    private static async Task AddToLibraryAsync(AmtswegFactory factory, PackageFixture package)
    {
        var archive = await package.ZipAsync();
        var manifest = ManifestReader.Read(File.ReadAllText(Path.Combine(package.Path, PackageLayout.Manifest)));
        await using var scope = factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.LibraryPackages.Add(LibraryPackage.Of(manifest, archive, Convert.ToHexStringLower(SHA256.HashData(archive)), null, LibraryPackageOrigin.Mitgeliefert, "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(values);
    }

    private static async Task<int> InstallationsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PackageInstallations.CountAsync();
    }

    private static async Task<string> ParametersAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PackageInstallations.SingleAsync()).Parameters;
    }

    private static async Task<string> VersionAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PackageInstallations.SingleAsync()).Version;
    }
}
