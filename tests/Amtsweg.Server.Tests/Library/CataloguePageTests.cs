using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// The operator's page of catalogue subscriptions (<c>/betrieb/kataloge</c>, issue 14.4): only Betrieb opens it; adding
/// refuses addresses that are not allowed; fetching now takes a real catalogue's package from a second server on
/// loopback; a publisher's key change is shown and only the key that waits is accepted, audited.
/// </summary>
public class CataloguePageTests
{
    private const string Page = "/betrieb/kataloge";

    [Theory]
    [AllProviders]
    public async Task Page_IsForBetriebOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var page = await operatorClient.GetStringAsync(Page);

        Assert.Contains("<h1>Kataloge anderer Installationen</h1>", page, StringComparison.Ordinal);
        Assert.Contains("gelten für die ganze Installation", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/betrieb/kataloge\"", await operatorClient.GetStringAsync("/betrieb"), StringComparison.Ordinal);
        foreach (var role in new[] { Roles.Administration, Roles.Leitung, Roles.Prozessgestaltung, Roles.Sachbearbeitung })
        {
            var client = await factory.SignInAsAsync(municipality, role);
            var refused = await client.GetAsync(Page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/fehler/403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var anonymous = await factory.CreateBrowserClient().GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.DoesNotContain("/fehler/403", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Add_RefusesAddressesThatAreNotAllowed_InGerman_AndStoresNothing_ThenAddsAndRemoves(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var client = await factory.SignInAsAsync(null, Roles.Betrieb);

        var plain = await PostAsync(client, "Add", new() { ["Url"] = "http://kreis-it.example.org/api/bibliothek/katalog", ["Name"] = "Kreis-IT" });
        var withPassword = await PostAsync(client, "Add", new() { ["Url"] = "https://nutzer:geheim@kreis-it.example.org/katalog", ["Name"] = "Kreis-IT" });
        var empty = await PostAsync(client, "Add", new() { ["Url"] = "", ["Name"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("Kataloge werden nur über HTTPS abgerufen", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withPassword.StatusCode);
        Assert.Contains("keinen Benutzernamen oder kein Kennwort", await withPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Bitte geben Sie die Adresse des Katalogs an.", emptyPage, StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie einen Namen an", emptyPage, StringComparison.Ordinal);
        Assert.Empty(await QueryAsync(factory, db => db.CatalogueSubscriptions.ToListAsync()));

        var added = await PostAsync(client, "Add", new() { ["Url"] = "https://kreis-it.example.org/api/bibliothek/katalog", ["Name"] = "Kreis-IT Musterland" });
        var twice = await PostAsync(client, "Add", new() { ["Url"] = "https://kreis-it.example.org/api/bibliothek/katalog", ["Name"] = "Noch einmal" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Der Katalog „Kreis-IT Musterland“ ist abonniert.", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("schon abonniert", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var subscription = Assert.Single(await QueryAsync(factory, db => db.CatalogueSubscriptions.ToListAsync()));
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Katalog" && e.Message.Contains("subscribed by", StringComparison.Ordinal));

        var removed = await PostAsync(client, "Remove", new() { ["id"] = subscription.Id.ToString() });
        var removedTwice = await PostAsync(client, "Remove", new() { ["id"] = subscription.Id.ToString() });
        var fetchGone = await PostAsync(client, "Fetch", new() { ["id"] = subscription.Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Das Abonnement „Kreis-IT Musterland“ ist beendet.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, removedTwice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fetchGone.StatusCode);
        Assert.Empty(await QueryAsync(factory, db => db.CatalogueSubscriptions.ToListAsync()));
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Katalog" && e.Message.Contains("unsubscribed by", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task FetchNow_TakesThePackage_AndAKeyChangeWaits_UntilThePendingKeyIsAccepted(DatabaseProvider provider)
    {
        await using var a = await CatalogueTests.LoopbackServer.StartAsync(provider);
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:Katalog:FetchInterval"] = "00:00:00" });
        using var first = PackageKey.Create();
        using var second = PackageKey.Create();
        using var package = new PackageFixture();
        await CatalogueTests.PublishAsync(a, package, first);
        var client = await factory.SignInAsAsync(null, Roles.Betrieb);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "Add", new() { ["Url"] = a.Catalogue, ["Name"] = "Kreis-IT A" })).StatusCode);
        var subscription = Assert.Single(await QueryAsync(factory, db => db.CatalogueSubscriptions.ToListAsync()));

        var fetched = await (await PostAsync(client, "Fetch", new() { ["id"] = subscription.Id.ToString() })).Content.ReadAsStringAsync();

        Assert.Contains("„Kreis-IT A“ abgerufen: 1 übernommen, 0 schon bekannt, Probleme: 0.", fetched, StringComparison.Ordinal);
        Assert.Contains("Übernommen: hundesteuer-test 1.0.0 – Hundesteuer: Anmeldung (Testpaket)", fetched, StringComparison.Ordinal);
        Assert.Contains("Musterstadt (AGS 09999999)", fetched, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Short(first.PublicKey)), fetched, StringComparison.Ordinal);
        Assert.Contains("Kein Herausgeber signiert mit einem neuen Schlüssel.", fetched, StringComparison.Ordinal);

        package.Manifest(m => m["version"] = "1.1.0");
        await CatalogueTests.PublishAsync(a, package, second);
        var held = await (await PostAsync(client, "Fetch", new() { ["id"] = subscription.Id.ToString() })).Content.ReadAsStringAsync();

        Assert.Contains("Nicht übernommen: Eintrag 2 (hundesteuer-test 1.1.0): Der Herausgeber 09999999 signiert jetzt mit einem anderen Schlüssel", held, StringComparison.Ordinal);
        Assert.Contains(PackageKey.Fingerprint(first.PublicKey), held, StringComparison.Ordinal);
        Assert.Contains(PackageKey.Fingerprint(second.PublicKey), held, StringComparison.Ordinal);
        Assert.Contains("Neuen Schlüssel annehmen", held, StringComparison.Ordinal);

        // A key other than the one waiting (the form of a page shown before another change came in) changes nothing.
        var wrong = await PostAsync(client, "AcceptKey", new() { ["ags"] = "09999999", ["key"] = first.PublicKey });
        var unknown = await PostAsync(client, "AcceptKey", new() { ["ags"] = "09999998", ["key"] = second.PublicKey });
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Contains("wartet inzwischen ein anderer Schlüssel", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var unchanged = Assert.Single(await QueryAsync(factory, db => db.PinnedPublisherKeys.ToListAsync()));
        Assert.Equal((first.PublicKey, second.PublicKey), (unchanged.PublicKey, unchanged.PendingPublicKey));

        var accepted = await PostAsync(client, "AcceptKey", new() { ["ags"] = "09999999", ["key"] = second.PublicKey });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Der neue Schlüssel des Herausgebers 09999999", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pin = Assert.Single(await QueryAsync(factory, db => db.PinnedPublisherKeys.ToListAsync()));
        Assert.Equal((second.PublicKey, (string?)null), (pin.PublicKey, pin.PendingPublicKey));
        Assert.StartsWith("betrieb", pin.PinnedBy, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Katalog" && e.Message.Contains("accepted by", StringComparison.Ordinal));

        var taken = await (await PostAsync(client, "Fetch", new() { ["id"] = subscription.Id.ToString() })).Content.ReadAsStringAsync();
        Assert.Contains("Übernommen: hundesteuer-test 1.1.0", taken, StringComparison.Ordinal);
        Assert.Equal(["1.0.0", "1.1.0"], (await QueryAsync(factory, db => db.LibraryPackages.Select(p => p.Version).ToListAsync())).Order());
    }

    private static string Short(string publicKey) => Server.Features.Operations.Kataloge.IndexModel.Short(publicKey);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await AmtswegFactory.AntiforgeryTokenAsync(client, Page);
        return await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static async Task<T> QueryAsync<T>(AmtswegFactory factory, Func<PlatformDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
