using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>
/// Issue 13.5, tenant settings: <c>/verwaltung/einstellungen</c> sets the session timeout within the platform's limits;
/// the timeout is what the municipality's sessions get.
/// </summary>
public sealed class SettingsPageTests
{
    private const string Page = "/verwaltung/einstellungen";

    [Theory]
    [AllProviders]
    public async Task Save_StoresTheTimeout_AuditsTheChange_AndShowsIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var before = await admin.GetStringAsync(Page);

        var saved = await PostAsync(admin, new() { ["sitzungsdauer"] = "90" });
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        var stored = await MunicipalityAsync(factory, municipality.Id);

        Assert.Contains("value=\"30\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(90, stored.SessionTimeoutMinutes);
        Assert.Contains("Die Einstellungen sind gespeichert.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"90\"", page, StringComparison.Ordinal);
        Assert.Contains("Zuletzt geändert von", page, StringComparison.Ordinal);
        Assert.Contains("Zwischen 15 und 480 Minuten", page, StringComparison.Ordinal);
        var audit = Assert.Single(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Settings");
        Assert.Contains($"tenant {municipality.Id}", audit.Message, StringComparison.Ordinal);
        Assert.Contains("session timeout  -> 90 minutes", audit.Message, StringComparison.Ordinal);

        var unchanged = await PostAsync(admin, new() { ["sitzungsdauer"] = "90" });

        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Single(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Settings");
    }

    [Theory]
    [InlineData("14")]
    [InlineData("481")]
    [InlineData("sechzig")]
    [InlineData("60.5")]
    [InlineData("")]
    public async Task Save_RefusesATimeoutOutsideThePlatformsLimits_AndChangesNothing(string timeout)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await PostAsync(admin, new() { ["sitzungsdauer"] = timeout });
        var stored = await MunicipalityAsync(factory, municipality.Id);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#sitzungsdauer\">Bitte geben Sie eine ganze Zahl von Minuten zwischen 15 und 480 an.</a>", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(((int?)null, (string?)null), (stored.SessionTimeoutMinutes, stored.SettingsUpdatedBy));
        Assert.DoesNotContain(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Settings");
    }

    [Fact]
    public async Task Limits_FollowTheConfiguration_AndTheMaximumIsAtMostTheAbsoluteLifetime()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Amtsweg:Session:MinIdleTimeoutMinutes"] = "10",
            ["Amtsweg:Session:MaxIdleTimeoutMinutes"] = "600",
            ["Amtsweg:Session:AbsoluteLifetimeHours"] = "4",
        });
        var admin = await factory.SignInAsAsync(await factory.CreateMunicipalityAsync(), Roles.Administration);

        var page = await admin.GetStringAsync(Page);
        var tooLong = await PostAsync(admin, new() { ["sitzungsdauer"] = "241" });

        Assert.Contains("min=\"10\" max=\"240\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, new() { ["sitzungsdauer"] = "10" })).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Settings_AreForAdministrationOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();

        foreach (var role in new[] { Roles.Sachbearbeitung, Roles.Leitung, Roles.Prozessgestaltung })
        {
            var client = await factory.SignInAsAsync(municipality, role);
            var response = await client.GetAsync(Page);
            Assert.Contains("/fehler/403", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/verwaltung/einstellungen\"", await (await factory.SignInAsAsync(municipality, Roles.Administration)).GetStringAsync("/verwaltung"), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task SessionTimeout_OfTheMunicipality_EndsItsSessionsAfterThatIdleTime(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var shortSessions = await factory.CreateMunicipalityAsync();
        var platformDefault = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(shortSessions, Roles.Administration);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, new() { ["sitzungsdauer"] = "15" })).StatusCode);
        var clerk = await factory.SignInAsClerkAsync(shortSessions);
        var otherClerk = await factory.SignInAsClerkAsync(platformDefault);

        // Used every 10 minutes the session lives on (the sliding renewal keeps the municipality's 15 minutes) ...
        for (var i = 0; i < 4; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await otherClerk.GetAsync("/api/me")).StatusCode);
        }

        // ... and 16 idle minutes end it, while the platform's 30 minutes still hold for the other municipality.
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherClerk.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AmtswegFactory.AntiforgeryTokenAsync(client, Page);
        return await client.PostAsync(Page, new FormUrlEncodedContent(fields));
    }

    private static async Task<Municipality> MunicipalityAsync(AmtswegFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
