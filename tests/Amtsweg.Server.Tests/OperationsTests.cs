using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Operations.Municipalities;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

public class OperationsTests
{
    [Theory]
    [AllProviders]
    public async Task HealthEndpoints_AnswerHealthy_WhenDatabaseIsMigrated(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var client = factory.CreateBrowserClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_RunsInWalModeWithFullSynchronous()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
        Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
    }

    [Fact]
    public async Task Server_RefusesToStart_WhenPostgresIsNotMigrated()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var factory = await AmtswegFactory.CreateUnmigratedAsync(DatabaseProvider.Postgres);

        var error = Assert.Throws<StartupException>(() => factory.CreateClient());

        Assert.Contains("./amtsweg db migrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_RefusesToStart_WhenProviderSettingIsWrong()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { ["Amtsweg:Database:Provider"] = "Postgres", ["ConnectionStrings:Amtsweg"] = null });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:Amtsweg", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task CreateMunicipality_RefusesInvalidAndDuplicateAgs_AndWritesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var tooShort = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("1234", "Kurzdorf"));
        var noState = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("17000001", "Nirgendwo"));
        var created = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("08111000", "Stuttgart"));
        var duplicate = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("08111000", "Nochmal"));
        var all = await operatorClient.GetFromJsonAsync<List<MunicipalityResponse>>("/api/municipalities");

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("\"code\":\"ags-invalid\"", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.Contains("Bundeslandes", await noState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("gibt es bereits", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stuttgart = Assert.Single(all!);
        Assert.Equal(("Stuttgart", "BadenWuerttemberg"), (stuttgart.Name, stuttgart.FederalState));
    }

    [Theory]
    [AllProviders]
    public async Task Operator_AdministersChosenMunicipality_ButNeverOpensCaseWork(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Betreutstadt");
        var clerk = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/users")).StatusCode);

        var token = await AmtswegFactory.AntiforgeryTokenAsync(operatorClient, "/betrieb");
        var switched = await operatorClient.PostAsync("/betrieb?handler=Switch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = municipality.Id.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(clerk.User.UserName!, await operatorClient.GetStringAsync("/verwaltung"), StringComparison.Ordinal);
        var caseWork = await operatorClient.GetAsync("/vorgaenge");
        Assert.Equal(HttpStatusCode.Redirect, caseWork.StatusCode);
        Assert.Contains("/fehler/403", caseWork.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<string> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Theory]
    [AllProviders]
    public async Task Clerk_IsForbidden_FromOperatorConsoleAndAdministration(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var console = await clerk.GetAsync("/betrieb");
        var api = await clerk.GetAsync("/api/municipalities");
        var users = await clerk.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Contains("/fehler/403", console.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }
}
