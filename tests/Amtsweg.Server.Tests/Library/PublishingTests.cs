using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Features.Library.Veroeffentlichen;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// Publishing with a second person (issue 14.3): Prozessgestaltung uploads a signed package of the own municipality,
/// a Leitung of the same municipality other than the uploader approves or refuses it; only then is it in the catalogue.
/// </summary>
public class PublishingTests
{
    private const string List = "/bibliothek/veroeffentlichen";

    [Theory]
    [AllProviders]
    public async Task Upload_WaitsForLeitung_AndOnlyTheApprovalOfAnotherLeitungOfTheSameMunicipalityPublishes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Musterstadt");
        var other = await factory.CreateMunicipalityAsync("Nachbarstadt");
        using var key = PackageKey.Create();
        var archive = await SignedAsync(municipality.Ags, key);
        var designer = await SignInWithRolesAsync(factory, municipality, Roles.Prozessgestaltung, Roles.Leitung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var otherHead = await factory.SignInAsAsync(other, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var uploaded = await UploadAsync(designer, archive);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var page = uploaded.Headers.Location!.OriginalString;
        Assert.StartsWith(List + "/antrag?id=", page, StringComparison.Ordinal);
        var id = Guid.Parse(page[(page.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Contains("wartet auf Freigabe", await designer.GetStringAsync(List), StringComparison.Ordinal);
        Assert.Contains(PackageKey.Fingerprint(key.PublicKey), await head.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Empty(await CatalogueAsync(factory));

        // The uploader (here also Leitung) cannot approve his own; a clerk is not let in; another municipality's Leitung finds nothing.
        var own = await PostAsync(designer, page, "Approve");
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("Vier-Augen-Prinzip", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var clerkPage = await clerk.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, clerkPage.StatusCode);
        Assert.Contains("/fehler/403", clerkPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherHead, page, "Approve", tokenFrom: List)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherHead, page, "Refuse", new() { ["grund"] = "fremd" }, tokenFrom: List)).StatusCode);
        Assert.DoesNotContain("Hundesteuer", await otherHead.GetStringAsync(List), StringComparison.Ordinal);
        Assert.Empty(await CatalogueAsync(factory));
        Assert.Equal(PublishingRequestState.Open, (await RequestsAsync(factory)).Single().State);

        var approved = await PostAsync(head, page, "Approve");

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("ist veröffentlicht", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(await CatalogueAsync(factory))!;
        Assert.Equal(("hundesteuer-test", "1.0.0", municipality.Ags, key.PublicKey), ((string?)entry["id"], (string?)entry["version"], (string?)entry["publisherAgs"], (string?)entry["publicKey"]));
        var request = Assert.Single(await RequestsAsync(factory));
        Assert.Equal(PublishingRequestState.Published, request.State);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var library = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().LibraryPackages.SingleAsync();
            Assert.Equal((LibraryPackageOrigin.Hochgeladen, request.LibraryPackageId), (library.Origin, (Guid?)library.Id));
            Assert.Equal(archive, library.Archive);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(head, page, "Approve", tokenFrom: List)).StatusCode);
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Bibliothek" && e.Message.Contains("approved by", StringComparison.Ordinal));

        // The same version again is refused: a published version does not change.
        var again = await UploadAsync(designer, archive);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("schon", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Refuse_NeedsAReason_AndPublishesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Musterstadt");
        using var key = PackageKey.Create();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var page = (await UploadAsync(designer, await SignedAsync(municipality.Ags, key))).Headers.Location!.OriginalString;

        var designerApproves = await PostAsync(designer, page, "Approve", tokenFrom: List);
        var noReason = await PostAsync(head, page, "Refuse", new() { ["grund"] = "  " });
        Assert.Equal(HttpStatusCode.Redirect, designerApproves.StatusCode);
        Assert.Contains("/fehler/403", designerApproves.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Bitte nennen Sie den Grund der Ablehnung.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PublishingRequestState.Open, (await RequestsAsync(factory)).Single().State);

        var refused = await PostAsync(head, page, "Refuse", new() { ["grund"] = "Die Gebühren stimmen noch nicht." });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("wird nicht veröffentlicht", shown, StringComparison.Ordinal);
        Assert.Contains("Die Gebühren stimmen noch nicht.", shown, StringComparison.Ordinal);
        var request = Assert.Single(await RequestsAsync(factory));
        Assert.Equal((PublishingRequestState.Refused, "Die Gebühren stimmen noch nicht."), (request.State, request.Reason));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(head, page, "Approve", tokenFrom: List)).StatusCode);
        Assert.Empty(await CatalogueAsync(factory));
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Bibliothek" && e.Message.Contains("refused by", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Upload_RefusesABadFile_InGerman_AndStoresNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Musterstadt");
        using var key = PackageKey.Create();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var signed = await SignedAsync(municipality.Ags, key);
        var tampered = Tamper(signed);
        var foreign = await SignedAsync("09999999", key);
        using var package = new PackageFixture();
        var unsigned = PackageSigner.Zip((await PackageReader.ReadFolderAsync(package.Path)).Files);

        var cases = new (byte[] File, string Message)[]
        {
            ("kein Zip"u8.ToArray(), "kein lesbares Paket"),
            (unsigned, "nicht signiert"),
            (tampered, "Signatur des Pakets ist ungültig"),
            (foreign, "Veröffentlichen kann eine Gemeinde nur eigene Pakete"),
            ([], "Bitte wählen Sie die Paketdatei"),
        };
        foreach (var (file, message) in cases)
        {
            var response = await UploadAsync(designer, file);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var headUpload = await UploadAsync(head, signed, tokenFrom: List);
        Assert.Equal(HttpStatusCode.Redirect, headUpload.StatusCode);
        Assert.Contains("/fehler/403", headUpload.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync(factory));
        Assert.Empty(await CatalogueAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task SecondServer_SeesThePackageInTheCatalogue_OnlyAfterApproval(DatabaseProvider provider)
    {
        await using var a = await CatalogueTests.LoopbackServer.StartAsync(provider);
        await using var b = await CatalogueTests.LoopbackServer.StartAsync(provider);
        using var key = PackageKey.Create();
        var municipality = await a.CreateMunicipalityAsync("09999999", "Musterstadt");
        Guid requestId;
        await using (var scope = a.Services.CreateTenantScope(municipality.Id))
        {
            requestId = (await scope.ServiceProvider.GetRequiredService<PackagePublishing>().RequestAsync(await SignedAsync("09999999", key), "gestalterin", CancellationToken.None)).Id;
        }

        var subscription = await b.SubscribeAsync(a.Catalogue);
        var before = await b.FetchAsync(subscription);
        Assert.Equal((0, 0), (before.Imported, before.Known));
        Assert.Empty(before.Problems);

        await using (var scope = a.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<PackagePublishing>().ApproveAsync(requestId, "leiterin", CancellationToken.None);
        }

        var after = await b.FetchAsync(subscription);
        Assert.Equal((1, 0), (after.Imported, after.Known));
        Assert.Equal(["hundesteuer-test 1.0.0 – Hundesteuer: Anmeldung (Testpaket)"], after.Taken);
        Assert.Equal(key.PublicKey, Assert.Single(await b.LibraryAsync()).PublisherPublicKey);
    }

    /// <summary>The test package signed with <paramref name="key"/>, naming <paramref name="ags"/> as publisher.</summary>
    private static async Task<byte[]> SignedAsync(string ags, PackageKey key)
    {
        using var package = new PackageFixture();
        package.Manifest(m => m["publisher"]!["ags"] = ags);
        var files = await PackageReader.ReadFolderAsync(package.Path);
        var validation = await PackageValidator.ValidateAsync(files);
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        return PackageSigner.Pack(files, validation.Manifest!, key);
    }

    /// <summary>The archive with one more file: the signature no longer covers every file.</summary>
    private static byte[] Tamper(byte[] archive)
    {
        using var stream = new MemoryStream();
        stream.Write(archive);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.CreateEntry("doku/nachtrag.md");
        }

        return stream.ToArray();
    }

    private static async Task<HttpClient> SignInWithRolesAsync(AmtswegFactory factory, Municipality municipality, string role, string also)
    {
        var user = await factory.CreateUserAsync(municipality, role);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.User.Id.ToString());
            Assert.True((await users.AddToRoleAsync(stored!, also)).Succeeded);
        }

        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword)).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string tokenFrom = List)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(client, tokenFrom)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "datei", "hundesteuer-test-1.0.0.amtsweg-paket" },
        };
        return await client.PostAsync($"{List}?handler=Upload", form);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string>? form = null, string? tokenFrom = null)
    {
        form ??= [];
        form["__RequestVerificationToken"] = await AmtswegFactory.AntiforgeryTokenAsync(client, tokenFrom ?? page);
        return await client.PostAsync($"{page}&handler={handler}", new FormUrlEncodedContent(form));
    }

    private static async Task<List<JsonNode?>> CatalogueAsync(AmtswegFactory factory)
    {
        var catalogue = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/bibliothek/katalog"))!;
        return [.. catalogue["packages"]!.AsArray()];
    }

    private static async Task<List<PublishingRequest>> RequestsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PublishingRequests.AsNoTracking().ToListAsync();
    }
}
