using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Administration.Teams;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>Issue 13.5: a task a process offers to a team („bauamt“) goes to the team's members, as one offered to their role would.</summary>
public class TeamTasksTests
{
    private const string OfferedOne = "Angeboten <span class=\"count\">(1)</span>";
    private const string OfferedNone = "Angeboten <span class=\"count\">(0)</span>";

    [Theory]
    [AllProviders]
    public async Task TaskOfferedToTeam_IsOfferedToMembersAndTheirDeputies_AndNoLongerOnceTheMembershipIsRemoved(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var member = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var nonMember = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var deputy = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var team = await TeamPages.CreateTeamAsync(factory, municipality, "bauamt", "Bauamt", member);
        var taskId = await TeamPages.StartBauantragAsync(factory, municipality);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var today = Amtsweg.Data.BerlinTime.Today(factory.Clock);
            db.Absences.Add(new Absence { Id = Guid.CreateVersion7(), UserName = member.User.UserName!, DeputyUserName = deputy.User.UserName!, From = today, Until = today.AddDays(2), CreatedBy = member.User.UserName!, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var memberClient = await SignInAsync(factory, member);
        var nonMemberClient = await SignInAsync(factory, nonMember);
        var deputyClient = await SignInAsync(factory, deputy);

        var offered = await memberClient.GetStringAsync("/aufgaben?ansicht=Angeboten");
        Assert.Contains(OfferedOne, offered, StringComparison.Ordinal);
        Assert.Contains($"/aufgaben/{taskId}", offered, StringComparison.Ordinal);
        Assert.Contains(OfferedNone, await nonMemberClient.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
        Assert.Contains(OfferedOne, await deputyClient.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);

        // The task page names the team as clerks know it, never by its key.
        var page = await memberClient.GetStringAsync($"/aufgaben/{taskId}");
        Assert.Contains("<dd>Bauamt</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">bauamt<", page, StringComparison.Ordinal);

        // The engine checks claims the same way: not for someone outside the team.
        Assert.Equal(HttpStatusCode.Forbidden, (await nonMemberClient.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var removed = await scope.ServiceProvider.GetRequiredService<TeamAdministration>().RemoveMemberAsync(team.Id, member.User.Id, "test", CancellationToken.None);
            Assert.True(removed.Succeeded);
        }

        // Read on the next request: no new sign-in needed.
        Assert.Contains(OfferedNone, await memberClient.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
        Assert.Contains(OfferedNone, await deputyClient.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task HandOver_ToTeamMember_IsAllowed_AndToSomeoneOutsideTheTeamForbidden(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var member = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var colleague = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var nonMember = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        await TeamPages.CreateTeamAsync(factory, municipality, "bauamt", "Bauamt", member, colleague);
        var taskId = await TeamPages.StartBauantragAsync(factory, municipality);
        var memberClient = await SignInAsync(factory, member);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var refused = await memberClient.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { assignee = nonMember.User.UserName });
        var handedOver = await memberClient.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { assignee = colleague.User.UserName });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handedOver.StatusCode);
        Assert.Contains($"/aufgaben/{taskId}", await (await SignInAsync(factory, colleague)).GetStringAsync("/aufgaben"), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task TeamOfAnotherMunicipality_WithTheSameKey_OffersNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignMember = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        await TeamPages.CreateTeamAsync(factory, foreign, "bauamt", "Bauamt Fremdstadt", foreignMember);
        await TeamPages.StartBauantragAsync(factory, own);

        var client = await SignInAsync(factory, foreignMember);

        Assert.Contains(OfferedNone, await client.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignInAsync(AmtswegFactory factory, CreatedUser user)
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword)).StatusCode);
        return client;
    }
}
