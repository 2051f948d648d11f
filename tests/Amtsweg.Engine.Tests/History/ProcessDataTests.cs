using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.History;

public sealed class ProcessDataTests
{
    private const string Marker = "[gelöscht nach Art. 17 DSGVO]";

    [Theory]
    [AllProviders]
    public async Task GetProcessInstanceData_ReturnsEveryVariableAndTheHistory_OfTheInstanceAndTheInstancesItCalled(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ProcessDataTests));
        var caller = await host.StartAsync("caller", new { antragsteller = "Erika Müller" });
        var other = await host.StartAsync("caller", new { antragsteller = "Hans Schmidt" });

        var data = await host.Engine.GetProcessInstanceDataAsync([caller.Id, Guid.CreateVersion7()]);

        Assert.Equal(2, data.Count);
        Assert.Equal((caller.Id, (Guid?)null, ProcessInstanceState.Active), (data[0].Id, data[0].ParentProcessInstanceId, data[0].State));
        Assert.Equal(caller.Id, data[1].ParentProcessInstanceId);
        Assert.Equal("pruefung", data[1].ProcessId);
        Assert.All(data, d => Assert.Equal("Erika Müller", d.Variables.Single(v => v.Name == "antragsteller").Value!.GetValue<string>()));
        Assert.All(data, d => Assert.NotEmpty(d.History));
        Assert.Equal(data[0].History.Select(e => e.Sequence).Order(), data[0].History.Select(e => e.Sequence));
        Assert.Contains(data[0].History, e => e.VariablesAfter?["antragsteller"]?.GetValue<string>() == "Erika Müller");
        Assert.DoesNotContain(data, d => d.Id == other.Id || d.ParentProcessInstanceId == other.Id);
    }

    [Theory]
    [AllProviders]
    public async Task RedactProcessInstanceData_ReplacesOnlyMatchingStrings_InVariablesAndHistoryOfEndedInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ProcessDataTests));
        var values = new { antragsteller = "Erika Müller", anschrift = new { name = "Frau Erika Müller", ort = "Musterstadt" }, liste = new[] { "Erika Müller", "Hans Schmidt" }, gebuehr = 10 };
        var ended = await host.StartAsync("history", values);
        await host.CompleteSingleTaskAsync(ended.Id, new { bemerkung = "Rückruf von Erika Müller" });
        var untouched = await host.StartAsync("history", values);
        await host.CompleteSingleTaskAsync(untouched.Id);

        var result = await host.Engine.RedactProcessInstanceDataAsync(new([ended.Id], text => text.Contains("Müller", StringComparison.Ordinal), Marker));

        var redacted = Assert.Single(result.Instances);
        Assert.Equal((ended.Id, 4), (redacted.ProcessInstanceId, redacted.Variables));
        var data = Assert.Single(await host.Engine.GetProcessInstanceDataAsync([ended.Id]));
        var variables = data.Variables.ToDictionary(v => v.Name, v => v.Value!.ToJsonString());
        Assert.Equal(JsonValue.Create(Marker).ToJsonString(), variables["antragsteller"]);
        Assert.Equal(new JsonObject { ["name"] = Marker, ["ort"] = "Musterstadt" }.ToJsonString(), variables["anschrift"]);
        Assert.Equal(new JsonArray(Marker, "Hans Schmidt").ToJsonString(), variables["liste"]);
        Assert.Equal("10", variables["gebuehr"]);
        Assert.Equal(JsonValue.Create(Marker).ToJsonString(), variables["bemerkung"]);
        Assert.True(redacted.HistoryEvents > 0);
        Assert.DoesNotContain(data.History, e => Serialized(e).Contains("Müller", StringComparison.Ordinal));
        Assert.Contains(data.History, e => Serialized(e).Contains("Musterstadt", StringComparison.Ordinal));
        var other = Assert.Single(await host.Engine.GetProcessInstanceDataAsync([untouched.Id]));
        Assert.Equal("Erika Müller", other.Variables.Single(v => v.Name == "antragsteller").Value!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task RedactProcessInstanceData_IsRefusedAndChangesNothing_WhenARunningInstanceHoldsAMatch(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ProcessDataTests));
        var running = await host.StartAsync("history", new { antragsteller = "Erika Müller" });
        var ended = await host.StartAsync("history", new { antragsteller = "Erika Müller" });
        await host.CompleteSingleTaskAsync(ended.Id);
        var unrelated = await host.StartAsync("history", new { antragsteller = "Hans Schmidt" });
        var request = new ProcessDataRedactionRequest([running.Id, ended.Id], text => text.Contains("Müller", StringComparison.Ordinal), Marker);

        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.RedactProcessInstanceDataAsync(request));
        var none = await host.Engine.RedactProcessInstanceDataAsync(request with { ProcessInstanceIds = [unrelated.Id] });

        Assert.Empty(none.Instances);
        foreach (var data in await host.Engine.GetProcessInstanceDataAsync([running.Id, ended.Id]))
        {
            Assert.Equal("Erika Müller", data.Variables.Single(v => v.Name == "antragsteller").Value!.GetValue<string>());
            Assert.Contains(data.History, e => Serialized(e).Contains("Müller", StringComparison.Ordinal));
        }
    }

    // Every string of a history event (variable values before and after, detail), as a reader sees them.
    private static string Serialized(HistoryEventInfo e) =>
        string.Join("|", Strings(e.VariablesBefore).Concat(Strings(e.VariablesAfter)).Append(e.Detail ?? ""));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
