using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Publishes a message with Camunda 8's semantics: it is correlated at once to the oldest subscription waiting for its
/// name and correlation key in each process (at most one instance per BPMN process id), and starts an instance of
/// each other process with a matching message start event (with a correlation key, only while no instance of that
/// process with the same key is active). With a time to live it is then kept, and a subscription that opens later in
/// a process it has not reached yet receives it (see <see cref="CommandContext"/>, buffered messages). A message id
/// makes the publication idempotent: a second one with the same name, key and id is refused while the first lives.
/// </summary>
internal sealed class PublishMessageCommand(PublishMessageRequest request) : EngineCommand<MessagePublicationResult>
{
    public override string Name => "PublishMessageCommand";

    public override async Task<MessagePublicationResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = request.MessageName;
        var key = request.CorrelationKey ?? string.Empty;
        await context.Db.Messages.Where(m => m.ExpiresAt <= context.Now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (request.MessageId is { } messageId
            && await context.Db.Messages.AnyAsync(m => m.Name == name && m.CorrelationKey == key && m.MessageId == messageId, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidEngineStateException($"Die Nachricht „{name}“ mit der Nachrichten-ID „{messageId}“ wurde für diesen Korrelationsschlüssel bereits veröffentlicht und ist noch gültig; sie wird nicht ein zweites Mal zugestellt.");
        }

        var values = CommandContext.FromInput(request.Variables).ToList();
        var reached = new List<string>();
        var instances = new List<Guid>();
        if (key.Length > 0)
        {
            var waiting = await context.Db.EventSubscriptions
                .Where(s => s.Kind == EventSubscriptionKind.Message && s.EventName == name && s.CorrelationKey == key && s.ProcessInstanceId != null)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var subscription in waiting)
            {
                var processId = (await context.LoadDefinitionAsync(subscription.ProcessDefinitionId, cancellationToken).ConfigureAwait(false)).ProcessId;
                if (reached.Contains(processId))
                {
                    continue;
                }

                await context.LoadInstanceAsync(subscription.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
                if (context.CorrelateWaiting(subscription, values, $"{name}={key}") is { } instanceId)
                {
                    reached.Add(processId);
                    instances.Add(instanceId);
                }
            }
        }

        foreach (var start in await MessageStart.SubscriptionsAsync(context, name, cancellationToken).ConfigureAwait(false))
        {
            if (!reached.Contains(context.LoadDefinition(start.ProcessDefinitionId).ProcessId)
                && await MessageStart.TryStartAsync(context, start, name, key, values, cancellationToken).ConfigureAwait(false) is { } started)
            {
                reached.Add(started.Entity.ProcessId);
                instances.Add(started.Id);
            }
        }

        var message = new MessageEntity
        {
            Id = CommandContext.NewId(),
            TenantId = context.Db.CurrentTenantId ?? throw new InvalidOperationException("A message is published in a municipality's scope."),
            Name = name,
            CorrelationKey = key,
            MessageId = request.MessageId,
            Variables = CommandContext.ToJsonObject(values).ToJsonString(),
            PublishedAt = context.Now,
            ExpiresAt = context.Now + request.TimeToLive,
            CorrelatedProcessIds = "|" + string.Concat(reached.Select(p => p + "|")),
        };
        if (request.TimeToLive > TimeSpan.Zero)
        {
            context.Db.Messages.Add(message);
        }

        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return new MessagePublicationResult(message.Id, instances, request.TimeToLive > TimeSpan.Zero);
    }
}

/// <summary>
/// The one path by which a message starts a process at a message start event, for correlation and publication alike
/// (Camunda 8): the start events of the latest process versions, oldest subscription first, and with a correlation key
/// at most one active instance per process and key (the key becomes the business key).
/// </summary>
internal static class MessageStart
{
    /// <summary>The subscriptions of the message start events waiting for <paramref name="messageName"/>, oldest first.</summary>
    public static Task<List<EventSubscriptionEntity>> SubscriptionsAsync(CommandContext context, string messageName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Db.EventSubscriptions
            .Where(s => s.Kind == EventSubscriptionKind.Message && s.EventName == messageName && s.ProcessInstanceId == null)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Starts an instance at the message start event of <paramref name="start"/> with the message's variables, or returns
    /// null when an instance of that process with the same correlation key is still active.
    /// </summary>
    public static async Task<InstanceRuntime?> TryStartAsync(
        CommandContext context, EventSubscriptionEntity start, string messageName, string? correlationKey, IReadOnlyList<KeyValuePair<string, FeelValue>> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        var definition = context.LoadDefinition(start.ProcessDefinitionId);
        var key = string.IsNullOrEmpty(correlationKey) ? null : correlationKey;
        if (key is not null
            && await context.Db.ProcessInstances.AnyAsync(i => i.ProcessId == definition.ProcessId && i.BusinessKey == key && i.State == ProcessInstanceState.Active, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var started = context.StartInstance(definition, key, start.ElementId, values);
        context.History(started, HistoryEventTypes.MessageCorrelated, null, start.ElementId, null, after: CommandContext.ToJsonObject(values), detail: $"{messageName}={key}");
        return started;
    }
}
