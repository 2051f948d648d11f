using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 15.1 in the browser: the demo's administrator creates an inbound webhook (a bad name refused at its field first),
/// reads its address and key once, and the cash office's system posts a payment signed with that key to the running
/// server; the waiting process receives it and the call shows on the hook's page. A new key makes the old one useless;
/// the hook is deleted only after the confirmation is ticked.
/// </summary>
public sealed class WebhooksJourneyTests : BrowserTest
{
    private const string HookName = "zahlungseingang-kasse";

    /// <summary>A process that waits for the message „Zahlungseingang“ with the key <c>aktenzeichen</c>.</summary>
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="Zahlung" name="Zahlung abwarten" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="warten"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warten" />
            <bpmn:sequenceFlow id="f2" sourceRef="warten" targetRef="ende" />
          </bpmn:process>
          <bpmn:message id="m" name="Zahlungseingang"><bpmn:extensionElements><zeebe:subscription correlationKey="=aktenzeichen" /></bpmn:extensionElements></bpmn:message>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Administrator_CreatesAHook_ASignedCallReachesTheWaitingProcess_ThenRotatesAndDeletes_WithoutAccessibilityViolations()
    {
        // The process that waits for the payment, deployed and started as the demo's process designer.
        var designer = await SignInAsync("prozessgestaltung");
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Zahlung", resources = new[] { new { name = "zahlung.bpmn", content = Diagram } } } });
        Assert.Equal(201, deployed.Status);
        var started = await designer.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Zahlung", variables = new { aktenzeichen = "32.10-0042/2026" } } });
        Assert.Equal(201, started.Status);
        var instanceId = (await started.JsonAsync())!.Value.GetProperty("id").GetString();

        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks: Nachrichten von außen" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/webhooks");
        await admin.GetByText("Es gibt noch keine Webhooks.").WaitForAsync();
        await LookAsync(admin, "webhooks-leer");

        // A name with capitals and a space: refused at its field, the other entries kept, nothing created.
        await admin.Locator("#name").FillAsync("Zahlung Kasse");
        await admin.Locator("#nachricht").FillAsync("Zahlungseingang");
        await admin.Locator("#schluessel").FillAsync("body.aktenzeichen");
        await admin.Locator("#variablen").FillAsync("{betrag: body.betrag}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Webhook anlegen" }).ClickAsync();
        await admin.Locator("#name-error").WaitForAsync();
        Assert.Contains("nur Kleinbuchstaben a–z", await admin.Locator("#name-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await admin.Locator("#name").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Zahlungseingang", await admin.Locator("#nachricht").InputValueAsync());
        Assert.Equal("body.aktenzeichen", await admin.Locator("#schluessel").InputValueAsync());
        Assert.Equal(0, await admin.Locator("#schluessel-titel").CountAsync());
        await admin.GetByText("Es gibt noch keine Webhooks.").WaitForAsync();
        await LookAsync(admin, "webhooks-fehler");

        await admin.Locator("#name").FillAsync(HookName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Webhook anlegen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = $"Schlüssel des Webhooks „{HookName}“" }).WaitForAsync();
        var address = await admin.Locator("section.notice dd code").First.InnerTextAsync();
        Assert.Equal(new Uri(Server.Address, "/api/hooks/" + HookName).ToString(), address);
        var key = await admin.Locator("code.secret").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(key));
        Assert.Contains(HookName, await admin.InnerTextAsync("table"), StringComparison.Ordinal);
        Assert.Equal("", await admin.Locator("#name").InputValueAsync());
        await LookAsync(admin, "webhooks-angelegt");

        // The key is shown once: the list read again does not hold it.
        await admin.GotoAsync("/verwaltung/webhooks");
        Assert.DoesNotContain(key, await admin.ContentAsync(), StringComparison.Ordinal);
        await admin.GetByRole(AriaRole.Link, new() { Name = HookName, Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = $"Webhook „{HookName}“", Exact = true }).WaitForAsync();
        await admin.GetByText("Der Webhook wurde noch nicht aufgerufen.").WaitForAsync();
        Assert.DoesNotContain(key, await admin.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("von Anton Administrator", await admin.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        await LookAsync(admin, "webhook");

        // The cash office's system: a wrong signature is refused, the correctly signed payment reaches the waiting process.
        using var sender = new HttpClient();
        const string Body = """{"aktenzeichen":"32.10-0042/2026","betrag":48.5}""";
        using (var forged = await SendAsync(sender, address, Body, "nicht-der-schluessel"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using (var delivered = await SendAsync(sender, address, Body, key))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }

        var instance = (await (await designer.APIRequest.GetAsync($"/api/process-instances/{instanceId}")).JsonAsync())!.Value;
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, instance.GetProperty("endedAt").ValueKind);
        Assert.Equal(48.5, instance.GetProperty("variables").GetProperty("betrag").GetDouble());

        await admin.ReloadAsync();
        var calls = admin.Locator("table[aria-labelledby='aufrufe-titel'] tbody tr");
        Assert.Equal(2, await calls.CountAsync());
        var callsText = await admin.InnerTextAsync("table[aria-labelledby='aufrufe-titel']");
        Assert.Contains("Nachricht zugestellt", callsText, StringComparison.Ordinal);
        Assert.Contains("Signatur fehlt oder falsch", callsText, StringComparison.Ordinal);
        await LookAsync(admin, "webhook-aufrufe");

        // A new key: shown once on the page, the old key no longer accepted.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Neuen Schlüssel erzeugen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = $"Schlüssel des Webhooks „{HookName}“" }).WaitForAsync();
        var newKey = await admin.Locator("code.secret").InnerTextAsync();
        Assert.NotEqual(key, newKey);
        await LookAsync(admin, "webhook-neuer-schluessel");
        using (var stale = await SendAsync(sender, address, Body, key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        // Deleting without the confirmation is refused at the checkbox; with it, the hook is gone and its address refused.
        await admin.GotoAsync(admin.Url);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Löschen", Exact = true }).ClickAsync();
        await admin.Locator("#bestaetigung-error").WaitForAsync();
        Assert.Contains("Bitte bestätigen Sie das Löschen.", await admin.Locator("#bestaetigung-error").InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(admin, "webhook-loeschen-fehler");
        await admin.GetByLabel($"Ja, den Webhook „{HookName}“ löschen").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Löschen", Exact = true }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/webhooks");
        await admin.GetByText($"Der Webhook „{HookName}“ ist gelöscht.").WaitForAsync();
        await admin.GetByText("Es gibt noch keine Webhooks.").WaitForAsync();
        await LookAsync(admin, "webhooks-geloescht");
        using (var gone = await SendAsync(sender, address, Body, newKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }

    /// <summary>Posts <paramref name="body"/> as the sending system does: HMAC-SHA256 over „timestamp.body“ with <paramref name="key"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string address, string body, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. bytes];
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed);
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Amtsweg-Zeitstempel", timestamp);
        request.Headers.Add("X-Amtsweg-Signatur", "sha256=" + Convert.ToHexStringLower(signature));
        return await client.SendAsync(request);
    }
}
