using System.CommandLine;
using System.Xml;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg messages correlate --tenant AGS --name NAME [--key KEY] [--vars JSON] [--json]</c> delivers a message to the
/// instance waiting for it now (or starts a process at a message start event); <c>messages publish ... [--ttl PT1H]
/// [--message-id ID]</c> publishes it and, with a time to live, keeps it for an instance that waits for it later;
/// <c>amtsweg signals broadcast --tenant AGS --name NAME [--vars JSON]</c> broadcasts a signal in the municipality.
/// </summary>
internal static class MessagesCommand
{
    public static Command Create()
    {
        var tenant = OperationsCli.Tenant();
        var name = new Option<string>("--name") { Description = "Der Name der Nachricht (name der BPMN-Nachricht).", Required = true };
        var key = new Option<string?>("--key") { Description = "Der Korrelationsschlüssel, zum Beispiel das Aktenzeichen (ohne: nur Nachrichten-Startereignisse)." };
        var variables = OperationsCli.Variables();
        var json = OperationsCli.JsonOutput();
        var correlate = new Command("correlate", "Stellt eine Nachricht der Prozessinstanz zu, die jetzt auf sie wartet, oder startet einen Prozess mit diesem Nachrichten-Startereignis.")
        {
            tenant, name, key, variables, json,
        };
        correlate.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
        {
            var messageName = result.GetValue(name)!;
            if (Invalid(messageName, result.GetValue(variables), out var values) is { } invalid)
            {
                return await OperationsCli.FailAsync(invalid);
            }

            var correlation = await engine.CorrelateMessageAsync(new CorrelateMessageRequest(messageName, result.GetValue(key), values, OperationsCli.Actor), cancellationToken);
            if (!correlation.Correlated)
            {
                return await OperationsCli.FailAsync(
                    $"Keine Prozessinstanz wartet auf die Nachricht „{messageName}“" + (result.GetValue(key) is { } k ? $" mit dem Schlüssel „{k}“" : string.Empty) +
                    "; nichts wurde zugestellt. Mit „messages publish --ttl …“ wird eine Nachricht aufbewahrt, bis jemand auf sie wartet.");
            }

            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(correlation);
            }
            else
            {
                Console.WriteLine(correlation.StartedNewInstance
                    ? $"Nachricht „{messageName}“ hat die Prozessinstanz {correlation.ProcessInstanceId} gestartet."
                    : $"Nachricht „{messageName}“ der Prozessinstanz {correlation.ProcessInstanceId} zugestellt.");
            }

            return 0;
        }, cancellationToken));

        var ttl = new Option<string>("--ttl") { Description = "Wie lange die Nachricht auf eine Prozessinstanz wartet, als ISO-8601-Dauer (PT1H, P7D); Standard PT0S: jetzt oder nie.", DefaultValueFactory = _ => "PT0S" };
        var messageId = new Option<string?>("--message-id") { Description = "Eine eigene Id der Nachricht: dieselbe Nachricht wird während ihrer Lebensdauer nur einmal angenommen." };
        var publish = new Command("publish", "Veröffentlicht eine Nachricht: sofort zugestellt, wo eine Prozessinstanz wartet, sonst für ihre Lebensdauer (--ttl) aufbewahrt.")
        {
            tenant, name, key, ttl, messageId, variables, json,
        };
        publish.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
        {
            var messageName = result.GetValue(name)!;
            if (Invalid(messageName, result.GetValue(variables), out var values) is { } invalid)
            {
                return await OperationsCli.FailAsync(invalid);
            }

            var duration = result.GetValue(ttl)!;
            TimeSpan timeToLive;
            try
            {
                timeToLive = XmlConvert.ToTimeSpan(duration);
            }
            catch (FormatException)
            {
                return await OperationsCli.FailAsync($"--ttl „{duration}“ ist keine ISO-8601-Dauer; erwartet wird zum Beispiel PT30M, PT1H oder P7D.");
            }
            catch (OverflowException)
            {
                return await OperationsCli.FailAsync($"--ttl „{duration}“ ist zu lang.");
            }

            // The same bound as POST /v2/messages/publication: a message is a notice, not a store.
            if (timeToLive < TimeSpan.Zero || timeToLive > TimeSpan.FromDays(30))
            {
                return await OperationsCli.FailAsync($"--ttl „{duration}“ muss zwischen PT0S und P30D (30 Tage) liegen.");
            }

            var published = await engine.PublishMessageAsync(
                new PublishMessageRequest(messageName, result.GetValue(key), timeToLive, result.GetValue(messageId), values, OperationsCli.Actor), cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(published);
            }
            else
            {
                Console.WriteLine($"Nachricht „{messageName}“ veröffentlicht (Schlüssel {published.MessageKey}): {published.ProcessInstanceIds.Count} Prozessinstanz(en) sofort erreicht"
                    + (published.Buffered ? $", aufbewahrt für {duration}." : "."));
                foreach (var instance in published.ProcessInstanceIds)
                {
                    Console.WriteLine(instance);
                }
            }

            return 0;
        }, cancellationToken));

        return new Command("messages", "Nachrichten an Prozesse einer Gemeinde zustellen oder veröffentlichen.") { correlate, publish };
    }

    public static Command CreateSignals()
    {
        var tenant = OperationsCli.Tenant();
        var name = new Option<string>("--name") { Description = "Der Name des Signals.", Required = true };
        var variables = OperationsCli.Variables();
        var json = OperationsCli.JsonOutput();
        var broadcast = new Command("broadcast", "Sendet ein Signal an alle Prozesse der Gemeinde, die jetzt auf es warten (und an Signal-Startereignisse).") { tenant, name, variables, json };
        broadcast.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
        {
            var signalName = result.GetValue(name)!;
            if (Invalid(signalName, result.GetValue(variables), out var values) is { } invalid)
            {
                return await OperationsCli.FailAsync(invalid);
            }

            var broadcasted = await engine.BroadcastSignalAsync(new BroadcastSignalRequest(signalName, values, OperationsCli.Actor), cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(broadcasted);
            }
            else
            {
                Console.WriteLine($"Signal „{signalName}“ an die wartenden Prozesse gesendet (Schlüssel {broadcasted.SignalKey}).");
            }

            return 0;
        }, cancellationToken));

        return new Command("signals", "Signale an die Prozesse einer Gemeinde senden.") { broadcast };
    }

    private static string? Invalid(string name, string? variables, out Dictionary<string, object?>? values)
    {
        values = OperationsCli.ParseVariables(variables, out var invalid);
        return string.IsNullOrWhiteSpace(name) ? "Bitte geben Sie einen Namen an (--name)." : invalid;
    }
}
