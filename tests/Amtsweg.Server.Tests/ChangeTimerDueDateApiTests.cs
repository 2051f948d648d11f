using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.ChangeTimerDueDate;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>Deadlines a clerk extends, through <c>POST /api/process-instances/{id}/timers/{elementId}/due-date</c>.</summary>
public class ChangeTimerDueDateApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_MovesDeadline_WhenClerkGivesFutureDate(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:PollInterval"] = "00:01:00" });
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var instanceId = await StartAsync(designer);
        var newDue = factory.Clock.GetUtcNow().AddDays(14);

        var moved = await clerk.PostAsJsonAsync($"/api/process-instances/{instanceId}/timers/wait/due-date", new ChangeTimerDueDateBody(newDue, "Frist auf Antrag verlängert"));
        var timer = await moved.Content.ReadFromJsonAsync<TimerInfo>(Json);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(newDue, timer!.DueAt);
        Assert.Equal("wait", timer.ElementId);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var history = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetHistoryAsync(instanceId);
        var change = Assert.Single(history, e => e.Type == Amtsweg.Engine.Persistence.HistoryEventTypes.TimerDueDateChanged);
        var detail = System.Text.Json.Nodes.JsonNode.Parse(change.Detail!)!;
        Assert.Equal("Frist auf Antrag verlängert", (string?)detail["reason"]);
        Assert.Equal(change.UserId, (string?)detail["by"]);
        Assert.StartsWith("sachbearbeitung-", change.UserId, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_IsConflictWithGermanProblem_WhenDateIsInThePast(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:PollInterval"] = "00:01:00" });
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var instanceId = await StartAsync(designer);

        var past = await clerk.PostAsJsonAsync($"/api/process-instances/{instanceId}/timers/wait/due-date", new ChangeTimerDueDateBody(factory.Clock.GetUtcNow().AddHours(-1), null));
        var pastBody = await past.Content.ReadAsStringAsync();
        var missing = await clerk.PostAsJsonAsync($"/api/process-instances/{instanceId}/timers/wait/due-date", new ChangeTimerDueDateBody(null, null));
        var missingBody = await missing.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Contains("engine.invalid-state", pastBody, StringComparison.Ordinal);
        Assert.Contains("liegt nicht in der Zukunft", pastBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("engine.timer-due-date-missing", missingBody, StringComparison.Ordinal);
    }

    private static async Task<Guid> StartAsync(HttpClient designer)
    {
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "JobExecutorTests.Frist.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Frist", [new DeployResource("frist.bpmn", bpmn)]))).EnsureSuccessStatusCode();
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Frist", null, null));
        return (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
    }
}
