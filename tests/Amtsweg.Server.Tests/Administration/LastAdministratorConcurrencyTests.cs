using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Administration.Users;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Npgsql;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>
/// Regression: the "last administrator" check was not serialised on PostgreSQL, so two administrators who took the
/// role Administration from each other (or disabled each other) at the same moment could both pass the check and
/// leave the municipality without one.
/// </summary>
public class LastAdministratorConcurrencyTests
{
    public static TheoryData<string> Acts => ["demote", "disable"];

    [Theory]
    [MemberData(nameof(Acts))]
    public async Task TwoAdministrators_ActingOnEachOtherAtOnce_LeaveOneAdministrator_OnPostgres(string act)
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Postgres);
        var own = await factory.CreateMunicipalityAsync();
        var (first, firstClient) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var (second, secondClient) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var firstToken = await AmtswegFactory.AntiforgeryTokenAsync(firstClient, "/verwaltung");
        var secondToken = await AmtswegFactory.AntiforgeryTokenAsync(secondClient, "/verwaltung");

        // The test holds the municipality's lock while both requests start, so both are inside their act before either
        // checks; released, they run one after the other, and the second must see what the first committed.
        await using var holder = new NpgsqlConnection(factory.Store.Postgres!.AdminConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, "SELECT pg_advisory_lock(hashtextextended(@key, 0))", AdministratorsLock.KeyText(own.Id));
        var acts = new[]
        {
            ActAsync(firstClient, firstToken, second.User.Id, act),
            ActAsync(secondClient, secondToken, first.User.Id, act),
        };
        await WaitForWaitingLocksAsync(holder, 2);
        await ExecuteAsync(holder, "SELECT pg_advisory_unlock(hashtextextended(@key, 0))", AdministratorsLock.KeyText(own.Id));
        var responses = await Task.WhenAll(acts);

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, response => response.StatusCode == HttpStatusCode.BadRequest);
        Assert.Contains("niemanden mehr mit der Rolle Administration", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await ActiveAdministratorsAsync(factory, first, second));
    }

    [Theory]
    [AllProviders]
    public async Task TwoAdministrators_DemotingEachOtherConcurrently_NeverLeaveNone(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        for (var round = 0; round < 5; round++)
        {
            var own = await factory.CreateMunicipalityAsync("Runde" + round);
            var (first, firstClient) = await UserPages.SignInAsAdministratorAsync(factory, own);
            var (second, secondClient) = await UserPages.SignInAsAdministratorAsync(factory, own);
            var firstToken = await AmtswegFactory.AntiforgeryTokenAsync(firstClient, "/verwaltung");
            var secondToken = await AmtswegFactory.AntiforgeryTokenAsync(secondClient, "/verwaltung");

            var responses = await Task.WhenAll(
                ActAsync(firstClient, firstToken, second.User.Id, "demote"),
                ActAsync(secondClient, secondToken, first.User.Id, "demote"));

            Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Redirect);
            Assert.Equal(1, await ActiveAdministratorsAsync(factory, first, second));
        }
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string token, Guid userId, string act)
    {
        IEnumerable<KeyValuePair<string, string>> fields = act == "demote"
            ? [new("anzeigename", "Ehemals Verwaltung"), new("rollen", Roles.Sachbearbeitung)]
            : [];
        var handler = act == "demote" ? "Save" : "Disable";
        return client.PostAsync($"/verwaltung/benutzer/{userId}?handler={handler}", new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    private static async Task<int> ActiveAdministratorsAsync(AmtswegFactory factory, params CreatedUser[] candidates)
    {
        var count = 0;
        foreach (var candidate in candidates)
        {
            var (user, roles) = await UserPages.StoredAsync(factory, candidate.User.UserName!);
            if (roles.Contains(Roles.Administration) && !(user!.LockoutEnd > factory.Clock.GetUtcNow()))
            {
                count++;
            }
        }

        return count;
    }

    // Both requests wait for the advisory lock in this test's database: then neither has checked yet.
    private static async Task WaitForWaitingLocksAsync(NpgsqlConnection connection, int expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                connection);
            if ((long)(await command.ExecuteScalarAsync(timeout.Token))! >= expected)
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string key)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync();
    }
}
