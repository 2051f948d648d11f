using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Library.Bibliothek;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// Issue 14.3, ratings and comments: each municipality rates a package once (a new rating replaces it), every
/// municipality reads all of them on the package page by the municipality's name — never a person's — and a bad rating
/// or an overlong comment is refused with nothing changed.
/// </summary>
public sealed class PackageReviewTests
{
    private const string PackageId = "hundesteuer-test";

    [Theory]
    [AllProviders]
    public async Task Reviews_AreWrittenChangedAndWithdrawnPerMunicipality_AndReadByAllWithTheMunicipalitysNameOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });
        var andersdorf = await factory.CreateMunicipalityAsync("Andersdorf");
        var schaustadt = await factory.CreateMunicipalityAsync("Schaustadt");
        using var package = new PackageFixture();
        await package.InstallAsync(factory, andersdorf);
        var designer = await factory.SignInAsAsync(andersdorf, Roles.Prozessgestaltung);
        var leitung = await factory.SignInAsAsync(schaustadt, Roles.Leitung);
        var page = LibraryPages.PackageUrl(PackageId);

        var before = WebUtility.HtmlDecode(await leitung.GetStringAsync(page));
        var first = await PostAsync(designer, "Bewerten", ("bewertung", "4"), ("kommentar", "Läuft seit März; die Nachweisfrist haben wir auf 21 Tage verkürzt."));
        var second = await PostAsync(leitung, "Bewerten", ("bewertung", "2"), ("kommentar", ""));
        var changed = await PostAsync(designer, "Bewerten", ("bewertung", "5"), ("kommentar", "Bewährt sich."));
        var both = WebUtility.HtmlDecode(await leitung.GetStringAsync(page));
        var withdrawn = await PostAsync(leitung, "BewertungZurueckziehen");
        var after = WebUtility.HtmlDecode(await designer.GetStringAsync(page));

        Assert.Contains("noch keine Bewertung", before, StringComparison.Ordinal);
        Assert.Contains("Noch keine Gemeinde hat dieses Paket bewertet.", before, StringComparison.Ordinal);
        Assert.Contains("Bewertung Ihrer Gemeinde abgeben", before, StringComparison.Ordinal);
        foreach (var posted in new[] { first, second, changed, withdrawn })
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal(page + "#bewertungen-titel", posted.Headers.Location!.OriginalString);
        }

        Assert.Contains("3,5 von 5 Sternen (2 Bewertungen)", both, StringComparison.Ordinal);
        Assert.Contains("Andersdorf", both, StringComparison.Ordinal);
        Assert.Contains("5 von 5 Sternen", both, StringComparison.Ordinal);
        Assert.Contains("Bewährt sich.", both, StringComparison.Ordinal);
        Assert.DoesNotContain("21 Tage verkürzt", both, StringComparison.Ordinal);
        Assert.Contains("Schaustadt", both, StringComparison.Ordinal);
        Assert.Contains("2 von 5 Sternen", both, StringComparison.Ordinal);
        Assert.Contains("zu Version 1.0.0", both, StringComparison.Ordinal);
        Assert.Contains("Bewertung Ihrer Gemeinde ändern", both, StringComparison.Ordinal);
        Assert.Contains("5,0 von 5 Sternen (eine Bewertung)", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Schaustadt", after, StringComparison.Ordinal);
        Assert.Equal([("Andersdorf", 5)], await ReviewsAsync(factory));
        var reviews = both[both.IndexOf("<section aria-labelledby=\"bewertungen-titel\"", StringComparison.Ordinal)..];
        reviews = reviews[..reviews.IndexOf("</section>", StringComparison.Ordinal)];
        foreach (var person in await PeopleAsync(factory))
        {
            Assert.DoesNotContain(person, reviews, StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Review_IsRefusedWithNothingChanged_ForABadRatingOrLongComment_AndAdministrationOnlyReads(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });
        var municipality = await factory.CreateMunicipalityAsync("Andersdorf");
        using var package = new PackageFixture();
        await package.InstallAsync(factory, municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var administration = await factory.SignInAsAsync(municipality, Roles.Administration);
        await PostAsync(designer, "Bewerten", ("bewertung", "3"), ("kommentar", "Brauchbar."));

        var noRating = await PostAsync(designer, "Bewerten", ("kommentar", "Ohne Sterne"));
        var tooMany = await PostAsync(designer, "Bewerten", ("bewertung", "6"), ("kommentar", "Sechs Sterne"));
        var tooLong = await PostAsync(designer, "Bewerten", ("bewertung", "5"), ("kommentar", new string('x', 4001)));
        var byAdministration = await PostAsync(administration, "Bewerten", ("bewertung", "1"), ("kommentar", "Verwaltung"));
        var unknownPackage = await PostAsync(designer, "Bewerten", LibraryPages.PackageUrl("gibt-es-nicht"), ("bewertung", "1"));
        var adminPage = WebUtility.HtmlDecode(await administration.GetStringAsync(LibraryPages.PackageUrl(PackageId)));

        Assert.Equal(HttpStatusCode.BadRequest, noRating.StatusCode);
        var noRatingHtml = WebUtility.HtmlDecode(await noRating.Content.ReadAsStringAsync());
        Assert.Contains("Bitte wählen Sie eine Bewertung von 1 bis 5 Sternen.", noRatingHtml, StringComparison.Ordinal);
        Assert.Contains("Ohne Sterne</textarea>", noRatingHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Der Kommentar ist 4.001 Zeichen lang; höchstens 4.000 Zeichen sind möglich.", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("/fehler/403", byAdministration.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownPackage.StatusCode);
        Assert.Equal([("Andersdorf", 3)], await ReviewsAsync(factory));
        Assert.Contains("Brauchbar.", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Bewertung speichern", adminPage, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, params (string Key, string Value)[] fields) =>
        PostAsync(client, handler, LibraryPages.PackageUrl(PackageId), fields);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string page, params (string Key, string Value)[] fields)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, LibraryPages.PackageUrl(PackageId));
        return await client.PostAsync(
            page + "&handler=" + handler,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]));
    }

    private static async Task<List<(string, int)>> ReviewsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var rows = await db.PackageReviews.Join(db.Municipalities, r => r.TenantId, m => m.Id, (r, m) => new { m.Name, r.Rating }).ToListAsync();
        return [.. rows.Select(r => (r.Name, r.Rating))];
    }

    // Every user's login and display name: none may appear beside a review.
    private static async Task<List<string>> PeopleAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var users = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.Select(u => new { u.UserName, u.DisplayName }).ToListAsync();
        return [.. users.SelectMany(u => new[] { u.UserName!, u.DisplayName }).Where(n => !string.IsNullOrEmpty(n))];
    }
}
