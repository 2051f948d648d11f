using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Message correlation into waiting instances, and buffered messages (published with a time to live) for subscriptions that open later.</summary>
internal sealed partial class CommandContext
{
    /// <summary>
    /// Delivers a message to a waiting subscription found by a query: loads the instance and checks that the
    /// subscription is still there (another command may have consumed or removed it between the query and the load).
    /// Returns the instance, or null when the subscription is gone.
    /// </summary>
    public Guid? CorrelateWaiting(EventSubscriptionEntity found, IReadOnlyList<KeyValuePair<string, FeelValue>> values, string detail)
    {
        var runtime = LoadInstance(found.ProcessInstanceId!.Value);
        var subscription = runtime.Subscriptions.FirstOrDefault(s => s.Id == found.Id);
        if (subscription is null || runtime.Find(subscription.ExecutionId!.Value) is not { } execution)
        {
            return null;
        }

        History(runtime, HistoryEventTypes.MessageCorrelated, execution, subscription.ElementId, null, after: ToJsonObject(values), detail: detail);
        Trigger(runtime, execution, subscription.ElementId, values);
        return runtime.Id;
    }

    /// <summary>
    /// A message subscription opened: the oldest live buffered message with its name and correlation key that has not
    /// reached this process yet is delivered to it after the current step. Delivery marks the message as this
    /// process's (and raises its revision, so that two instances of one process opening at the same time conflict on
    /// it instead of both receiving it).
    /// </summary>
    private void TakeBufferedMessage(InstanceRuntime runtime, ExecutionEntity execution, EventSubscriptionEntity subscription)
    {
        var marker = Marker(runtime);
        var message = Db.Messages
            .Where(m => m.Name == subscription.EventName && m.CorrelationKey == subscription.CorrelationKey && m.ExpiresAt > Now && !m.CorrelatedProcessIds.Contains(marker))
            .OrderBy(m => m.PublishedAt).ThenBy(m => m.Id)
            .FirstOrDefault();
        if (message is not null)
        {
            Schedule(new DeliverBufferedMessageOperation(runtime, execution, subscription, message));
        }
    }

    public void DeliverBufferedMessage(InstanceRuntime runtime, ExecutionEntity execution, EventSubscriptionEntity subscription, MessageEntity message)
    {
        var marker = Marker(runtime);
        if (!runtime.Subscriptions.Contains(subscription) || message.CorrelatedProcessIds.Contains(marker, StringComparison.Ordinal))
        {
            // The subscription closed in the same step, or another subscription of this process took the message first.
            return;
        }

        message.CorrelatedProcessIds += runtime.Definition.ProcessId + "|";
        message.Revision++;
        var values = (JsonNode.Parse(message.Variables) as JsonObject ?? [])
            .Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromJson(p.Value)))
            .ToList();
        History(runtime, HistoryEventTypes.MessageCorrelated, execution, subscription.ElementId, null, after: ToJsonObject(values), detail: $"{message.Name}={message.CorrelationKey}");
        Trigger(runtime, execution, subscription.ElementId, values);
    }

    private static string Marker(InstanceRuntime runtime) => "|" + runtime.Definition.ProcessId + "|";
}
