using System.Text;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 16.2 in the browser: the demo municipality gets into trouble (an incident whose FEEL error quotes an
/// applicant's name, an uploaded letter waiting in the Posteingang); the operator sees it marked first on
/// „Zustand der Gemeinden“, opens the municipality's incidents and one incident's page, and reads process, step and
/// kind of error, but never the name.
/// </summary>
public sealed class OperatorHealthJourneyTests : BrowserTest
{
    private const string Applicant = "Erika Musterfrau-Zustand";

    /// <summary>The gateway compares a number with what the instance carries: a name gives an incident that quotes it.</summary>
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="Gebuehrenpruefung" name="Gebühr prüfen" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:exclusiveGateway id="betrag" name="Gebühr über 100 Euro?" default="niedrig"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>hoch</bpmn:outgoing><bpmn:outgoing>niedrig</bpmn:outgoing></bpmn:exclusiveGateway>
            <bpmn:endEvent id="ende"><bpmn:incoming>hoch</bpmn:incoming><bpmn:incoming>niedrig</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="betrag" />
            <bpmn:sequenceFlow id="hoch" sourceRef="betrag" targetRef="ende"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=gebuehr &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="niedrig" sourceRef="betrag" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Operator_SeesTheMunicipalityInTroubleFirst_AndAnIncidentWithoutCaseContent_WithoutAccessibilityViolations()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gebühr", resources = new[] { new { name = "gebuehr.bpmn", content = Diagram } } } });
        Assert.Equal(201, deployed.Status);
        var started = await designer.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Gebuehrenpruefung", variables = new { gebuehr = Applicant } } });
        Assert.Equal(409, started.Status);
        Assert.Contains(Applicant, await (await designer.APIRequest.GetAsync("/api/incidents?open=true")).TextAsync(), StringComparison.Ordinal);

        var clerk = await SignInAsync("sachbearbeitung");
        await clerk.GotoAsync("/posteingang");
        await clerk.GetByLabel("Dateien").SetInputFilesAsync(new FilePayload
        {
            Name = "nachreichung.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("Nachreichung von " + Applicant + " zum Antrag auf Gebührenbefreiung."),
        });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();
        await clerk.WaitForPageAsync("**/posteingang**");

        var operatorPage = await SignInAsync("betrieb");
        var quiet = await operatorPage.APIRequest.PostAsync("/api/municipalities", new() { DataObject = new { ags = "09162000", name = "Aachtal" } });
        Assert.Equal(201, quiet.Status);
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Zustand der Gemeinden" }).ClickAsync();
        await operatorPage.WaitForPageAsync("**/betrieb/zustand");
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Zustand der Gemeinden", Exact = true }).WaitForAsync();
        var firstRow = operatorPage.Locator("table tbody tr").First;
        var rowText = await firstRow.InnerTextAsync();
        Assert.Contains("Musterstadt", rowText, StringComparison.Ordinal);
        Assert.Contains("Handlungsbedarf", rowText, StringComparison.Ordinal);
        Assert.Contains("MB", rowText, StringComparison.Ordinal);
        Assert.Contains("Aachtal", await operatorPage.Locator("table tbody tr").Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Applicant, await operatorPage.ContentAsync(), StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-zustand");

        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Offene Störungen in Musterstadt ansehen: 1" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Störungen in Musterstadt" }).WaitForAsync();
        var incidents = await operatorPage.InnerTextAsync("table");
        Assert.Contains("Gebühr prüfen, Version 1", incidents, StringComparison.Ordinal);
        Assert.Contains("Ausdruck konnte nicht ausgewertet werden", incidents, StringComparison.Ordinal);
        Assert.DoesNotContain(Applicant, await operatorPage.ContentAsync(), StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-stoerungen");

        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Einzelheiten zur Störung bei Gebühr über 100 Euro?" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Störung bei „Gebühr über 100 Euro?“" }).WaitForAsync();
        var facts = await operatorPage.InnerTextAsync("dl.facts");
        Assert.Contains("hoch", facts, StringComparison.Ordinal);
        Assert.Contains("Nicht angezeigt", facts, StringComparison.Ordinal);
        Assert.DoesNotContain(Applicant, await operatorPage.ContentAsync(), StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-stoerung");
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }
}
