using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Casework.Tests;

/// <summary>Issue 12.2: completing a task checks its form inside the engine's command; what the form does not ask for is never stored.</summary>
public sealed class TaskFormCheckTests
{
    [Theory]
    [AllProviders]
    public async Task Complete_IsRefusedWithTheFieldErrors_AndChangesNothing_WhenTheFormIsNotSatisfied(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("TaskFormCheckTests.Antrag.bpmn");
        var task = await StartAsync(host);

        var error = await Assert.ThrowsAsync<TaskFormInvalidException>(() => host.EngineAsync(async e =>
        {
            await e.CompleteUserTaskAsync(task.Id, new Dictionary<string, object?> { ["betrag"] = "-5" }, CaseworkTestHost.Actor);
            return true;
        }));

        Assert.Equal(["name", "betrag"], error.Errors.Select(e => e.Key));
        Assert.Equal("Bitte füllen Sie dieses Pflichtfeld aus.", error.Errors[0].Message);
        var open = await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = task.ProcessInstanceId }));
        Assert.Equal("Erfassen", Assert.Single(open).ElementId);
        Assert.False((await host.EngineAsync(e => e.GetUserTaskVariablesAsync(task.Id))).ContainsKey("betrag"));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_StoresOnlyWhatTheFormAsksFor_Typed_WhenFieldsWereManipulated(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("TaskFormCheckTests.Antrag.bpmn");
        var task = await StartAsync(host);

        // A hidden field filled, a read-only field changed and a key the form does not have: as a manipulated post sends them.
        await host.EngineAsync(async e =>
        {
            await e.CompleteUserTaskAsync(task.Id, new Dictionary<string, object?>
            {
                ["name"] = "Erika Müller",
                ["betrag"] = "12,50",
                ["grund"] = "untergeschoben",
                ["aktenzeichen"] = "GEÄNDERT",
                ["istLeitung"] = true,
            }, CaseworkTestHost.Actor);
            return true;
        });

        var next = Assert.Single(await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = task.ProcessInstanceId })));
        var variables = await host.EngineAsync(e => e.GetUserTaskVariablesAsync(next.Id));
        Assert.Equal("Erika Müller", variables["name"]!.GetValue<string>());
        Assert.Equal(12.5m, variables["betrag"]!.GetValue<decimal>());
        Assert.False(variables["eilig"]!.GetValue<bool>());
        Assert.Equal("32.10/0001", variables["aktenzeichen"]!.GetValue<string>());
        Assert.False(variables.ContainsKey("grund"));
        Assert.False(variables.ContainsKey("istLeitung"));
    }

    [Theory]
    [AllProviders]
    public async Task FormSubmissionFiling_FilesWhatTheFormLetThrough_AndNothingWhenRefused(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("TaskFormCheckTests.Antrag.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var filed = await host.StartInAsync("Antrag", vorgang.Id, new Dictionary<string, object?> { ["aktenzeichen"] = "32.10/0001" });
        var task = (await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = filed.Instance.Id })))[0];

        await using (var scope = host.Scope())
        {
            var filing = scope.ServiceProvider.GetRequiredService<FormSubmissionFiling>();
            await Assert.ThrowsAsync<TaskFormInvalidException>(() => filing.CompleteAsync(
                task.Id, new Dictionary<string, object?> { ["grund"] = "untergeschoben" }, CaseworkTestHost.Actor, CancellationToken.None));
            Assert.Equal(0, await host.RecordsAsync(db => db.SearchEntries.CountAsync(e => e.VorgangId == vorgang.Id && e.Kind == "Dokument")));

            await filing.CompleteAsync(
                task.Id, new Dictionary<string, object?> { ["name"] = "Erika Müller", ["grund"] = "untergeschoben", ["eilig"] = JsonValue.Create(false) }, CaseworkTestHost.Actor, CancellationToken.None);
        }

        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.VorgangId == vorgang.Id && e.Kind == "Dokument"));
        Assert.Contains("Name: Erika Müller", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("untergeschoben", entry.Text, StringComparison.Ordinal);
    }

    private static async Task<UserTaskInfo> StartAsync(CaseworkTestHost host)
    {
        var instance = await host.EngineAsync(e => e.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = "Antrag",
            Variables = new Dictionary<string, object?> { ["aktenzeichen"] = "32.10/0001" },
        }));
        return (await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })))[0];
    }
}
