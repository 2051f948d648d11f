using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Signals: a thrown or broadcast signal becomes a job of kind <see cref="JobKind.SignalBroadcast"/> in the thrower's
/// transaction (so it is never lost), and is then delivered to every signal subscription of the municipality that
/// existed when it was thrown, each in its own transaction (<see cref="Commands.DeliverSignalCommand"/>): right after
/// the thrower's commit, or by the job executor if that was interrupted.
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>Signal broadcast jobs this command created; delivered after it committed.</summary>
    public List<Guid> PendingSignalBroadcasts { get; } = [];

    public Guid QueueSignalBroadcast(Guid tenantId, Guid definitionId, string signalName, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        var job = new JobEntity
        {
            Id = NewId(),
            TenantId = tenantId,
            Kind = JobKind.SignalBroadcast,
            ProcessDefinitionId = definitionId,
            ElementId = string.Empty,
            JobType = signalName,
            DueAt = Now,
            Retries = Configuration.Options.DefaultJobRetries,
            CreatedAt = Now,
            Payload = new SignalPayload(ToJsonObject(variables), Now, []).ToJson(),
        };
        Db.Jobs.Add(job);
        PendingSignalBroadcasts.Add(job.Id);
        return job.Id;
    }

    /// <summary>A signal's variables, when it was thrown (later subscriptions do not receive it) and the subscriptions it has reached.</summary>
    public sealed record SignalPayload(JsonObject Variables, DateTimeOffset ThrownAt, List<Guid> Delivered)
    {
        public string ToJson() => new JsonObject
        {
            ["variables"] = Variables.DeepClone(),
            ["thrownAt"] = ThrownAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["delivered"] = new JsonArray([.. Delivered.Select(id => (JsonNode)id.ToString())]),
        }.ToJsonString();

        public static SignalPayload Parse(string json)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            return new SignalPayload(
                node["variables"]!.AsObject(),
                DateTimeOffset.Parse(node["thrownAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                [.. node["delivered"]!.AsArray().Select(n => Guid.Parse(n!.GetValue<string>()))]);
        }

        public IReadOnlyList<KeyValuePair<string, FeelValue>> Values() =>
            [.. Variables.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromJson(p.Value)))];
    }

    /// <summary>Delivers a signal to one subscription: triggers the waiting catcher (if it still waits) or starts an instance at a signal start event.</summary>
    public void DeliverSignal(EventSubscriptionEntity subscription, IReadOnlyList<KeyValuePair<string, FeelValue>> values)
    {
        if (subscription.ProcessInstanceId is { } instanceId)
        {
            var runtime = LoadInstance(instanceId);
            var current = runtime.Subscriptions.Find(s => s.Id == subscription.Id);
            if (current is not null && runtime.Find(current.ExecutionId!.Value) is { } execution)
            {
                Trigger(runtime, execution, current.ElementId, values);
            }
        }
        else
        {
            StartInstance(LoadDefinition(subscription.ProcessDefinitionId), null, subscription.ElementId, values);
        }

        RunAgenda();
    }
}
