using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Administration.Teams;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Intent steps of the team tests: forms posted as a browser posts them, and arrangements made as the administration makes them.</summary>
internal static class TeamPages
{
    /// <summary>One posted form field.</summary>
    public static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    /// <summary>Posts „Gruppe anlegen“.</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string key, string name, string description = "") =>
        UserPages.PostFormAsync(client, "/verwaltung/gruppen/neu", "/verwaltung/gruppen/neu", [new("schluessel", key), new("name", name), new("beschreibung", description)]);

    /// <summary>Posts a handler of a team's page.</summary>
    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid teamId, string handler, params KeyValuePair<string, string>[] fields) =>
        UserPages.PostFormAsync(client, "/verwaltung/gruppen/neu", $"/verwaltung/gruppen/{teamId}?handler={handler}", fields);

    /// <summary>Creates a team of the municipality with these members, as its administration does.</summary>
    public static async Task<Team> CreateTeamAsync(AmtswegFactory factory, Municipality municipality, string key, string name, params CreatedUser[] members)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var administration = scope.ServiceProvider.GetRequiredService<TeamAdministration>();
        var created = await administration.CreateAsync(key, name, null, "test", CancellationToken.None);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Message)));
        foreach (var member in members)
        {
            Assert.True((await administration.AddMemberAsync(created.Value!.Id, member.User.Id, "test", CancellationToken.None)).Succeeded);
        }

        return created.Value!;
    }

    /// <summary>The teams of every municipality with their member counts, read in platform scope.</summary>
    public static async Task<List<(Guid TenantId, string Key, string Name, int Members)>> StoredAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var teams = await db.Teams.OrderBy(t => t.Key).Select(t => new { t.TenantId, t.Key, t.Name, Members = db.TeamMemberships.Count(m => m.TeamId == t.Id) }).ToListAsync();
        return [.. teams.Select(t => (t.TenantId, t.Key, t.Name, t.Members))];
    }

    /// <summary>How many memberships exist on the installation.</summary>
    public static async Task<int> MembershipCountAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().TeamMemberships.CountAsync();
    }

    /// <summary>Deploys the process whose task is offered to the team „bauamt“ and starts it; returns the task.</summary>
    public static async Task<Guid> StartBauantragAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TeamTasksTests.Bauantrag.bpmn"));
        await engine.DeployAsync(new DeploymentRequest("Bauantrag", [new DeploymentResource("bauantrag.bpmn", bpmn)]));
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Bauantrag" });
        return Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Id;
    }
}
