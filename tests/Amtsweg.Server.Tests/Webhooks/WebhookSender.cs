using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Webhooks;

/// <summary>What a sender of webhook calls does (sign, send), and the setup of a hook and a waiting process.</summary>
internal static partial class WebhookSender
{
    public const string Page = "/verwaltung/webhooks";

    /// <summary>A process that waits for the message „Zahlungseingang“ with the key <c>aktenzeichen</c>.</summary>
    public const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="zahlung" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="warten"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warten" />
            <bpmn:sequenceFlow id="f2" sourceRef="warten" targetRef="ende" />
          </bpmn:process>
          <bpmn:message id="m" name="Zahlungseingang"><bpmn:extensionElements><zeebe:subscription correlationKey="=aktenzeichen" /></bpmn:extensionElements></bpmn:message>
        </bpmn:definitions>
        """;

    /// <summary>Creates a hook on the page as the municipality's administrator; returns its id and the key the page showed once.</summary>
    public static async Task<(Guid Id, string Key)> CreateHookAsync(HttpClient admin, string name, string messageName = "Zahlungseingang", string key = "body.aktenzeichen", string variables = "")
    {
        var response = await CreateOnPageAsync(admin, name, messageName, key, variables);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (Assert.Single(await HookIdsAsync(admin, name)), KeyOf(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())));
    }

    public static Task<HttpResponseMessage> CreateOnPageAsync(HttpClient admin, string name, string messageName, string key, string variables) =>
        UserPages.PostFormAsync(admin, Page, Page + "?handler=Create", [new("name", name), new("nachricht", messageName), new("schluessel", key), new("variablen", variables)]);

    /// <summary>The key in a page that shows one.</summary>
    public static string KeyOf(string page) => KeyPattern().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page shows no key.");

    private static async Task<IEnumerable<Guid>> HookIdsAsync(HttpClient admin, string name)
    {
        var list = await admin.GetStringAsync(Page);
        return Regex.Matches(list, $"<a href=\"/verwaltung/webhooks/([0-9a-f-]{{36}})\">{Regex.Escape(name)}</a>").Select(m => Guid.Parse(m.Groups[1].Value));
    }

    /// <summary>The signature header value of a body at a time stamp.</summary>
    public static string Sign(string key, long timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.ASCII.GetBytes(timestamp + "."), .. body]));
    }

    /// <summary>Posts a body to a hook, signed with <paramref name="key"/> at <paramref name="timestamp"/> (null headers are left out).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string name, string body, string? key, long? timestamp, string? signature = null) =>
        SendAsync(client, name, Encoding.UTF8.GetBytes(body), key, timestamp, signature);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string name, byte[] body, string? key, long? timestamp, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hooks/" + name) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (timestamp is { } seconds)
        {
            request.Headers.Add("X-Amtsweg-Zeitstempel", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        signature ??= key is null || timestamp is null ? null : Sign(key, timestamp.Value, body);
        if (signature is not null)
        {
            request.Headers.Add("X-Amtsweg-Signatur", signature);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Deploys <see cref="Diagram"/> in the municipality and starts an instance waiting with the key.</summary>
    public static async Task<Guid> StartWaitingAsync(AmtswegFactory factory, Municipality municipality, string aktenzeichen)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        if ((await engine.ListProcessDefinitionsAsync()).Count == 0)
        {
            await engine.DeployAsync(new DeploymentRequest("zahlung", [new DeploymentResource("zahlung.bpmn", Diagram)]));
        }

        var started = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "zahlung", Variables = new Dictionary<string, object?> { ["aktenzeichen"] = aktenzeichen } });
        return started.Id;
    }

    public static async Task<ProcessInstanceInfo> InstanceAsync(AmtswegFactory factory, Municipality municipality, Guid id)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(id);
    }

    /// <summary>The recorded calls of all hooks, oldest first.</summary>
    public static async Task<List<WebhookCall>> CallsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var calls = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().WebhookCalls.AsNoTracking().ToListAsync();
        return [.. calls.OrderBy(c => c.ReceivedAt)];
    }

    /// <summary>A client of the sending system; the server's clock moves on a second after each call, so that the calls have an order.</summary>
    public static HttpClient Sender(AmtswegFactory factory) => factory.CreateDefaultClient(new ClockAdvancing(factory));

    private sealed class ClockAdvancing(AmtswegFactory factory) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            return response;
        }
    }

    [GeneratedRegex("<code class=\"secret\">([0-9a-f]{64})</code>")]
    private static partial Regex KeyPattern();
}
