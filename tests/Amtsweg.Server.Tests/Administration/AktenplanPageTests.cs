using System.Net;
using System.Text;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: Administration keeps the Aktenplan in the browser, as the CLI does, through the e-file's audited commands.</summary>
public class AktenplanPageTests
{
    private const string Page = "/verwaltung/aktenplan";

    [Theory]
    [AllProviders]
    public async Task CreateAndChangeRetention_AddPositionUnderItsParent_AndAuditBoth(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await factory.CreatePositionAsync(municipality, "32", "Ordnungsangelegenheiten");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var created = await PostAsync(admin, "create", ("parent", "32"), ("code", "32.20"), ("title", "Gaststätten"), ("years", "6"), ("disposal", "Destroy"));
        var position = await factory.RecordsAsync(municipality, db => db.AktenplanPositionen.SingleAsync(p => p.Code == "32.20"));
        var changed = await PostAsync(admin, "retention", ("id", position.Id.ToString()), ("years", "30"), ("disposal", "Archive"), ("reason", "Satzung vom 1. Dezember 2026"));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (created.StatusCode, changed.StatusCode));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        Assert.Contains("Die Aufbewahrung der Position 32.20 „Gaststätten“ ist geändert.", page, StringComparison.Ordinal);
        Assert.Contains("Aufbewahrung 30 Jahre, danach dem Archiv anbieten · 0 Akten", page, StringComparison.Ordinal);
        position = await factory.RecordsAsync(municipality, db => db.AktenplanPositionen.AsNoTracking().SingleAsync(p => p.Code == "32.20"));
        var parent = await factory.RecordsAsync(municipality, db => db.AktenplanPositionen.SingleAsync(p => p.Code == "32"));
        Assert.Equal((parent.Id, "Gaststätten", 30, DisposalRule.Archive), (position.ParentId, position.Title, position.RetentionYears, position.DisposalRule));
        Assert.Equal([AuditActions.PositionCreated, AuditActions.PositionCreated, AuditActions.RetentionChanged], await factory.AuditActionsAsync(municipality));
    }

    [Theory]
    [AllProviders]
    public async Task Posts_AreRefusedWithTheEFilesMessage_AndChangeNothing_WhenWrongOrForeign(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Fremdstadt");
        var position = await factory.CreatePositionAsync(municipality);
        var foreignPosition = await factory.CreatePositionAsync(other);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var duplicate = await PostAsync(admin, "create", ("code", "32.10"), ("title", "Noch einmal"), ("years", "10"), ("disposal", "Appraise"));
        var noReason = await PostAsync(admin, "retention", ("id", position.Id.ToString()), ("years", "5"), ("disposal", "Destroy"), ("reason", " "));
        var foreign = await PostAsync(admin, "retention", ("id", foreignPosition.Id.ToString()), ("years", "1"), ("disposal", "Destroy"), ("reason", "Versuch"));
        var clerk = await (await factory.SignInAsClerkAsync(municipality)).GetAsync(Page);

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("Die Aktenplanposition 32.10 gibt es bereits.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Die Begründung", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (clerk.StatusCode, clerk.Headers.Location?.AbsolutePath));
        Assert.Equal([AuditActions.PositionCreated], await factory.AuditActionsAsync(municipality));
        Assert.Equal(10, await factory.RecordsAsync(other, db => db.AktenplanPositionen.Where(p => p.Id == foreignPosition.Id).Select(p => p.RetentionYears).SingleAsync()));
        Assert.Equal(1, await factory.RecordsAsync(municipality, db => db.AktenplanPositionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task Csv_DownloadsThePlan_AndImportAddsNewPositionsButRefusesAContradiction(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await factory.CreatePositionAsync(municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var csv = await admin.GetStringAsync(Page + "?handler=Csv");
        var added = await ImportAsync(admin, csv + "32.11;Märkte;32.10;5;vernichten\n");
        var contradicting = await ImportAsync(admin, "Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung\n32.10;Gewerbeangelegenheiten;;99;vernichten\n33;Neu;;10;bewerten\n");

        Assert.StartsWith("Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("32.10;Gewerbeangelegenheiten;;10;bewerten", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, contradicting.StatusCode);
        Assert.Equal(["32.10", "32.11"], await factory.RecordsAsync(municipality, db => db.AktenplanPositionen.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, params (string Name, string Value)[] fields) =>
        await admin.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(admin, Page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient admin, string csv)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(admin, Page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "datei", "aktenplan.csv" },
        };
        return await admin.PostAsync($"{Page}?handler=Import", form);
    }
}
