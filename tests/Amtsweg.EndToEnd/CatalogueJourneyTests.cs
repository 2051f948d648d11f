using System.Text.Json.Nodes;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 14 in the browser: the operator subscribes to a second installation's catalogue on loopback (a refused address
/// first, seen at its field), fetches it and sees the publisher's pinned key; a designer of the demo municipality
/// uploads a package signed with the CLI, a Leitung refuses it without a reason (refused at its field) and then approves
/// it, and the catalogue of the installation lists it.
/// </summary>
public sealed class CatalogueJourneyTests : BrowserTest
{
    private const string NeighbourAgs = "09111222";

    [Fact]
    public async Task Operator_SubscribesToAnotherInstallationsCatalogue_FetchesIt_AndSeesThePinnedKey()
    {
        // The second installation: a municipality of its own publishes the tests' package, signed with its key.
        await using var other = await StartAnotherServerAsync();
        var created = await other.RunCliAsync("tenant", "create", "--ags", NeighbourAgs, "--name", "Nachbarstadt", "--test");
        Assert.True(created.ExitCode == 0, created.Output + created.Error);
        using var work = new WorkFolder();
        var (archive, publicKey) = await SignAsync(other, work, NeighbourAgs, "Nachbarstadt");
        var imported = await other.RunCliAsync("package", "import", archive, "--tenant", NeighbourAgs);
        Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);
        var catalogue = other.Address.ToString().TrimEnd('/') + "/api/bibliothek/katalog";

        var operations = await SignInAsync("betrieb");
        await operations.GetByRole(AriaRole.Link, new() { Name = "Betrieb", Exact = true }).ClickAsync();
        await operations.WaitForURLAsync("**/betrieb");
        await operations.Locator("main a[href='/betrieb/kataloge']").ClickAsync();
        await operations.WaitForURLAsync("**/betrieb/kataloge");
        await operations.GetByRole(AriaRole.Heading, new() { Name = "Kataloge anderer Installationen", Exact = true }).WaitForAsync();
        await LookAsync(operations, "kataloge-leer");

        // Plain HTTP to a host that is not this machine is refused at the address field; nothing is stored.
        await operations.Locator("#katalog-adresse").FillAsync("http://kreis-it.example.org/api/bibliothek/katalog");
        await operations.Locator("#katalog-name").FillAsync("Kreis-IT");
        await operations.GetByRole(AriaRole.Button, new() { Name = "Abonnieren", Exact = true }).ClickAsync();
        await operations.Locator("#katalog-adresse-error").GetByText("Kataloge werden nur über HTTPS abgerufen", new() { Exact = false }).WaitForAsync();
        Assert.Equal("true", await operations.Locator("#katalog-adresse").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Kreis-IT", await operations.Locator("#katalog-name").InputValueAsync());
        await operations.GetByText("Es ist noch kein Katalog abonniert.", new() { Exact = false }).WaitForAsync();
        await LookAsync(operations, "kataloge-fehler");

        await operations.Locator("#katalog-adresse").FillAsync(catalogue);
        await operations.Locator("#katalog-name").FillAsync("Nachbar-Installation");
        await operations.GetByRole(AriaRole.Button, new() { Name = "Abonnieren", Exact = true }).ClickAsync();
        await operations.GetByText("Der Katalog „Nachbar-Installation“ ist abonniert.", new() { Exact = false }).WaitForAsync();
        Assert.Contains(catalogue, await operations.InnerTextAsync("table[aria-labelledby='abos-titel']"), StringComparison.Ordinal);
        Assert.Contains("noch nicht abgerufen", await operations.InnerTextAsync("table[aria-labelledby='abos-titel']"), StringComparison.OrdinalIgnoreCase);
        await LookAsync(operations, "kataloge-abonniert");

        await operations.GetByRole(AriaRole.Button, new() { Name = "„Nachbar-Installation“ jetzt abrufen", Exact = true }).ClickAsync();
        await operations.GetByText("„Nachbar-Installation“ abgerufen: 1 übernommen", new() { Exact = false }).WaitForAsync();
        await operations.GetByText("Übernommen: hundesteuer-test 1.0.0 – Hundesteuer: Anmeldung (Testpaket)", new() { Exact = false }).WaitForAsync();
        Assert.Contains("Ohne Probleme; übernommene Pakete: 1.", await operations.InnerTextAsync("table[aria-labelledby='abos-titel']"), StringComparison.Ordinal);
        var pins = await operations.InnerTextAsync("table[aria-labelledby='schluessel-titel']");
        Assert.Contains($"Nachbarstadt (AGS {NeighbourAgs})", pins, StringComparison.Ordinal);
        var fingerprint = await operations.Locator("table[aria-labelledby='schluessel-titel'] code").GetAttributeAsync("title");
        Assert.False(string.IsNullOrEmpty(fingerprint));
        Assert.StartsWith((await operations.InnerTextAsync("table[aria-labelledby='schluessel-titel'] code")).TrimEnd('…', ' '), fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain(publicKey, await operations.InnerTextAsync("main"), StringComparison.Ordinal);
        await LookAsync(operations, "kataloge-abgerufen");

        // What was fetched is offered in the library of the demo municipality.
        var designer = await SignInAsync("prozessgestaltung");
        await designer.GotoAsync("/bibliothek?suche=testpaket");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Hundesteuer: Anmeldung (Testpaket)", Exact = true }).WaitForAsync();
        Assert.Contains("Nachbarstadt", await designer.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designer_UploadsASignedPackage_LeitungRefusesWithoutReasonThenApproves_AndTheCatalogueListsIt()
    {
        using var work = new WorkFolder();
        var (archive, publicKey) = await SignAsync(Server, work, "09999999", "Musterstadt");

        var designer = await SignInAsync("prozessgestaltung");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Bibliothek", Exact = true }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Eigene Pakete veröffentlichen", Exact = true }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek/veroeffentlichen");
        await designer.GetByText("Noch keine Veröffentlichung beantragt.", new() { Exact = false }).WaitForAsync();
        await LookAsync(designer, "veroeffentlichen-leer");

        // Without a file: refused at the field.
        await designer.GetByRole(AriaRole.Button, new() { Name = "Hochladen und Freigabe beantragen", Exact = true }).ClickAsync();
        await designer.Locator("#paket-datei-error").GetByText("Bitte wählen Sie die Paketdatei", new() { Exact = false }).WaitForAsync();
        await LookAsync(designer, "veroeffentlichen-fehler");

        await designer.Locator("#paket-datei").SetInputFilesAsync(archive);
        await designer.GetByRole(AriaRole.Button, new() { Name = "Hochladen und Freigabe beantragen", Exact = true }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek/veroeffentlichen/antrag?id=*");
        var request = new Uri(designer.Url).PathAndQuery;
        await designer.GetByRole(AriaRole.Heading, new() { Level = 1 }).GetByText("Hundesteuer: Anmeldung (Testpaket)", new() { Exact = false }).WaitForAsync();
        Assert.Contains("wartet auf Freigabe", await designer.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        Assert.Equal(0, await designer.GetByRole(AriaRole.Button, new() { Name = "Freigeben und veröffentlichen" }).CountAsync());
        await LookAsync(designer, "veroeffentlichen-antrag-eigener");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Veröffentlichungen", Exact = false }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek/veroeffentlichen");
        var list = await designer.InnerTextAsync("table");
        Assert.Contains("wartet auf Freigabe", list, StringComparison.Ordinal);
        Assert.Contains("Paula Prozessgestalterin", list, StringComparison.Ordinal);
        await LookAsync(designer, "veroeffentlichen-wartet");
        Assert.Empty((await CatalogueAsync(designer)).AsArray());

        // Leitung: a refusal without a reason is refused at its field and changes nothing; then the approval.
        var head = await SignInAsync("leitung");
        await head.GotoAsync("/bibliothek");
        await head.GetByRole(AriaRole.Link, new() { Name = "Eigene Pakete veröffentlichen", Exact = true }).ClickAsync();
        await head.WaitForURLAsync("**/bibliothek/veroeffentlichen");
        Assert.Equal(0, await head.GetByRole(AriaRole.Button, new() { Name = "Hochladen und Freigabe beantragen" }).CountAsync());
        await LookAsync(head, "veroeffentlichen-leitung");
        await head.GetByRole(AriaRole.Link, new() { Name = "Hundesteuer: Anmeldung (Testpaket)", Exact = true }).ClickAsync();
        await head.WaitForURLAsync("**" + request);
        Assert.Contains(await FingerprintAsync(head), await head.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        await LookAsync(head, "veroeffentlichen-antrag");
        await head.GetByRole(AriaRole.Button, new() { Name = "Ablehnen", Exact = true }).ClickAsync();
        await head.Locator("#grund-error").GetByText("Bitte nennen Sie den Grund der Ablehnung.").WaitForAsync();
        Assert.Contains("wartet auf Freigabe", await head.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        await LookAsync(head, "veroeffentlichen-antrag-fehler");

        await head.GetByRole(AriaRole.Button, new() { Name = "Freigeben und veröffentlichen", Exact = true }).ClickAsync();
        await head.GetByText("Freigegeben: „Hundesteuer: Anmeldung (Testpaket)“ 1.0.0 ist veröffentlicht.").WaitForAsync();
        var facts = await head.InnerTextAsync("dl.facts");
        Assert.Contains("veröffentlicht", facts, StringComparison.Ordinal);
        Assert.Contains("Paula Prozessgestalterin", facts, StringComparison.Ordinal);
        Assert.Contains("Lars Leiter", facts, StringComparison.Ordinal);
        Assert.Equal(0, await head.GetByRole(AriaRole.Button, new() { Name = "Ablehnen" }).CountAsync());
        await LookAsync(head, "veroeffentlichen-freigegeben");

        var entry = Assert.Single((await CatalogueAsync(head)).AsArray())!;
        Assert.Equal(("hundesteuer-test", "1.0.0", "09999999", publicKey), ((string?)entry["id"], (string?)entry["version"], (string?)entry["publisherAgs"], (string?)entry["publicKey"]));
    }

    /// <summary>
    /// Makes a key with <c>package keygen</c> and signs a copy of the tests' package, naming the publisher, with
    /// <c>package pack</c>; returns the archive's path and the public key.
    /// </summary>
    private static async Task<(string Archive, string PublicKey)> SignAsync(ServerProcess server, WorkFolder work, string ags, string name)
    {
        var key = Path.Combine(work.Path, "herausgeber.key");
        var keygen = await server.RunCliAsync("package", "keygen", "--out", key);
        Assert.True(keygen.ExitCode == 0, keygen.Output + keygen.Error);
        var publicKey = keygen.Output.Trim();

        var package = Path.Combine(work.Path, "paket");
        var source = Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages", "gueltig");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(package, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var manifestPath = Path.Combine(package, "amtsweg-package.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["publisher"] = new JsonObject { ["ags"] = ags, ["name"] = name };
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var archive = Path.Combine(work.Path, "hundesteuer-test-1.0.0.amtsweg-paket");
        var pack = await server.RunCliAsync("package", "pack", package, "--key", key, "--out", archive);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        return (archive, publicKey);
    }

    private static async Task<JsonNode> CatalogueAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/bibliothek/katalog");
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(await response.TextAsync())!["packages"]!;
    }

    private static async Task<string> FingerprintAsync(IPage page) => (await page.InnerTextAsync("dl.facts code")).Trim();

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }

    /// <summary>A temporary folder for keys, package copies and archives, deleted afterwards.</summary>
    private sealed class WorkFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("amtsweg-katalog-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
