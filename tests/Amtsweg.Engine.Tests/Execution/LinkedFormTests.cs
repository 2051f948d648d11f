using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>
/// Forms deployed as <c>.form</c> files and linked with <c>zeebe:formDefinition formId</c>, as Camunda Modeler 8 links
/// them by default: versions per form id, the binding types, the form kept by an open task, refusals at deployment and
/// the incident when a linked form is missing.
/// </summary>
public sealed class LinkedFormTests
{
    [Theory]
    [AllProviders]
    public async Task Start_CreatesTaskWithDeployedForm_WhenTaskLinksFormId(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var deployment = await DeployWithFormAsync(host, nameof(Start_CreatesTaskWithDeployedForm_WhenTaskLinksFormId));

        var instance = await host.StartAsync("antrag");
        var task = await host.SingleTaskAsync(instance.Id);
        var form = await host.Engine.GetUserTaskFormAsync(task.Id);

        var deployed = Assert.Single(deployment.Forms);
        Assert.Equal(("antrag-form", 1, deployment.Id), (deployed.FormId, deployed.Version, deployed.DeploymentId));
        Assert.Equal($"{nameof(LinkedFormTests)}.{nameof(Start_CreatesTaskWithDeployedForm_WhenTaskLinksFormId)}.form", deployed.ResourceName);
        Assert.Equal("antrag-form", task.FormId);
        Assert.Equal("Name der Antragstellerin", Label(form));
        Assert.Equal(deployed.Id, await host.QueryAsync(db => db.UserTasks.Single().FormDefinitionId));
    }

    [Theory]
    [AllProviders]
    public async Task Start_KeepsFormOfOpenTask_WhenNewerFormVersionIsDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_KeepsFormOfOpenTask_WhenNewerFormVersionIsDeployed);
        await DeployWithFormAsync(host, name);
        var before = await host.StartAsync("antrag");

        var second = await host.Engine.DeployAsync(new DeploymentRequest("Formular", [FormResource(name, label: "Vor- und Nachname")]));
        var after = await host.StartAsync("antrag");

        Assert.Equal(2, Assert.Single(second.Forms).Version);
        Assert.Equal("Name der Antragstellerin", Label(await host.Engine.GetUserTaskFormAsync((await host.SingleTaskAsync(before.Id)).Id)));
        Assert.Equal("Vor- und Nachname", Label(await host.Engine.GetUserTaskFormAsync((await host.SingleTaskAsync(after.Id)).Id)));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_CountsFormVersions_OnlyWhenDeploymentBringsSomethingNew(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Deploy_CountsFormVersions_OnlyWhenDeploymentBringsSomethingNew);

        var first = Assert.Single((await host.Engine.DeployAsync(new DeploymentRequest("f", [FormResource(name)]))).Forms);
        var same = Assert.Single((await host.Engine.DeployAsync(new DeploymentRequest("f", [FormResource(name)]))).Forms);
        var changed = Assert.Single((await host.Engine.DeployAsync(new DeploymentRequest("f", [FormResource(name, label: "Anders")]))).Forms);
        var withProcess = Assert.Single((await DeployWithFormAsync(host, name, label: "Anders")).Forms);

        Assert.Equal((1, 1, 2, 3), (first.Version, same.Version, changed.Version, withProcess.Version));
        Assert.Equal(first.Id, same.Id);
        Assert.Equal(first.DeploymentId, same.DeploymentId);
        Assert.Equal(3, await host.QueryAsync(db => db.FormDefinitions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_TakesFormOfProcessDeployment_WhenBindingIsDeployment(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_TakesFormOfProcessDeployment_WhenBindingIsDeployment);
        await DeployWithFormAsync(host, name);
        await host.Engine.DeployAsync(new DeploymentRequest("Formular", [FormResource(name, label: "Neuere Fassung")]));

        var instance = await host.StartAsync("antrag");

        Assert.Equal("Name der Antragstellerin", Label(await host.Engine.GetUserTaskFormAsync((await host.SingleTaskAsync(instance.Id)).Id)));
    }

    [Theory]
    [AllProviders]
    public async Task Start_TakesFormWithVersionTag_WhenBindingIsVersionTag(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_TakesFormWithVersionTag_WhenBindingIsVersionTag);
        var first = await DeployWithFormAsync(host, name);
        var v2 = FormResource(name, label: "Fassung 2");
        await host.Engine.DeployAsync(new DeploymentRequest("Formular", [v2 with { Content = v2.Content.Replace("\"v1\"", "\"v2\"", StringComparison.Ordinal) }]));

        var instance = await host.StartAsync("antrag");

        Assert.Equal("v1", Assert.Single(first.Forms).VersionTag);
        Assert.Equal("Name der Antragstellerin", Label(await host.Engine.GetUserTaskFormAsync((await host.SingleTaskAsync(instance.Id)).Id)));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAndNamesElement_WhenBindingIsDeploymentAndFormIsMissing(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => DeployWithFormAsync(host, nameof(Deploy_RefusesAndNamesElement_WhenBindingIsDeploymentAndFormIsMissing)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("pruefen", problem.Problem.ElementId);
        Assert.Equal(
            "'Antrag prüfen' bindet das Formular 'antrag-form' an die Bereitstellung (bindingType \"deployment\"), aber die Bereitstellung enthält keine Formulardatei mit dieser ID.",
            problem.Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.Deployments.Count() + db.FormDefinitions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAndNamesFile_WhenFormFileIsBroken(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Deploy_RefusesAndNamesFile_WhenFormFileIsBroken);
        (string Content, string Reason)[] broken =
        [
            ("{ \"id\": \"antrag-form\", ", "Die Formulardatei ist kein gültiges JSON."),
            ("[1, 2]", "Die Formulardatei enthält kein Formular (ein JSON-Objekt wird erwartet)."),
            ("{ \"components\": [] }", "Das Formular hat keine ID (Eigenschaft \"id\"); ohne sie kann kein Prozess darauf verweisen."),
            ("{ \"id\": \"antrag-form\", \"components\": {} }", "Das Formular hat keine Liste der Felder (Eigenschaft \"components\")."),
        ];

        foreach (var (content, reason) in broken)
        {
            var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(
                new DeploymentRequest("kaputt", [Diagrams.Resource(typeof(LinkedFormTests), name), new DeploymentResource("antrag.form", content)])));

            var problem = Assert.Single(error.Problems);
            Assert.Equal("antrag.form", problem.Resource);
            Assert.Equal($"Das Formular in 'antrag.form' kann nicht bereitgestellt werden: {reason}", problem.Problem.MessageGerman);
        }

        Assert.Equal(0, await host.QueryAsync(db => db.Deployments.Count() + db.ProcessDefinitions.Count() + db.FormDefinitions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAndNamesFile_WhenFormCheckRefusesForm(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider, services => services.AddSingleton<IUserTaskFormCheck, RefusingFormCheck>());

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => DeployWithFormAsync(host, nameof(Deploy_RefusesAndNamesFile_WhenFormCheckRefusesForm)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"{nameof(LinkedFormTests)}.{nameof(Deploy_RefusesAndNamesFile_WhenFormCheckRefusesForm)}.form", problem.Resource);
        Assert.EndsWith(": " + RefusingFormCheck.Reason, problem.Problem.MessageGerman, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesEmbeddedForm_WhenFormCheckRefusesForm(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider, services => services.AddSingleton<IUserTaskFormCheck, RefusingFormCheck>());

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(LinkedFormTests)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("StartForm", problem.Problem.ElementId);
        Assert.Equal($"Das eingebettete Formular 'StartForm' des Prozesses 'antrag' kann nicht verwendet werden: {RefusingFormCheck.Reason}", problem.Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesFormNotFoundIncident_WhenLinkedFormIsNotDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(LinkedFormTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("antrag"));
        await host.Engine.DeployAsync(new DeploymentRequest("Formular", [FormResource(nameof(Start_RaisesFormNotFoundIncident_WhenLinkedFormIsNotDeployed))]));
        await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(error.Incident.Id));

        Assert.Equal((IncidentTypes.FormNotFound, "pruefen"), (error.Incident.Type, error.Incident.ElementId));
        Assert.Equal(
            "Das Formular 'antrag-form' ist nicht bereitgestellt. Stellen Sie die Formulardatei (.form) mit dieser ID bereit und wiederholen Sie dann den Schritt.",
            error.Incident.Message);
        var task = await host.SingleTaskAsync(error.Incident.ProcessInstanceId!.Value);
        Assert.Equal("Name der Antragstellerin", Label(await host.Engine.GetUserTaskFormAsync(task.Id)));
    }

    [Theory]
    [AllProviders]
    public async Task GetStartForm_ReturnsLinkedForm_WhenStartEventLinksFormId(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var deployment = await DeployWithFormAsync(host, nameof(GetStartForm_ReturnsLinkedForm_WhenStartEventLinksFormId));

        var form = await host.Engine.GetStartFormAsync(Assert.Single(deployment.ProcessDefinitions).Id);

        Assert.Equal("Name der Antragstellerin", Label(form));
    }

    [Theory]
    [AllProviders]
    public async Task GetStartForm_ReturnsEmbeddedForm_WhenStartEventHasFormKey(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var deployment = await host.DeployAsync(typeof(LinkedFormTests));

        var form = await host.Engine.GetStartFormAsync(Assert.Single(deployment.ProcessDefinitions).Id);

        Assert.Equal("start-form", (string?)JsonNode.Parse(form!)!["id"]);
    }

    [Theory]
    [AllProviders]
    public async Task GetStartForm_ReturnsNullOrNamesMissingForm_WhenStartEventHasNoneOrMissingForm(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(GetStartForm_ReturnsNullOrNamesMissingForm_WhenStartEventHasNoneOrMissingForm);
        var without = await host.DeployAsync(typeof(LinkedFormTests));
        var missing = await host.Engine.DeployAsync(new DeploymentRequest("fehlend", [Diagrams.Resource(typeof(LinkedFormTests), name, "missing")]));

        var none = await host.Engine.GetStartFormAsync(Assert.Single(without.ProcessDefinitions).Id);
        var error = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetStartFormAsync(Assert.Single(missing.ProcessDefinitions).Id));

        Assert.Null(none);
        Assert.Equal(
            "Das Startformular kann nicht angezeigt werden: Das Formular 'fehlt' ist nicht bereitgestellt. Stellen Sie die Formulardatei (.form) mit dieser ID bereit und wiederholen Sie dann den Schritt.",
            error.Message);
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesFormNotFoundIncident_WhenFormIsDeployedInAnotherMunicipality(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_RaisesFormNotFoundIncident_WhenFormIsDeployedInAnotherMunicipality);
        await using (var other = host.CreateScope(Guid.CreateVersion7()))
        {
            await other.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("Formular", [FormResource(name)]));
        }

        await host.Engine.DeployAsync(new DeploymentRequest("Prozess", [Diagrams.Resource(typeof(LinkedFormTests), name)]));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("antrag"));
        Assert.Equal(IncidentTypes.FormNotFound, error.Incident.Type);
    }

    private static Task<DeploymentInfo> DeployWithFormAsync(EngineHost host, string testMethod, string? label = null) =>
        host.Engine.DeployAsync(new DeploymentRequest(testMethod, [Diagrams.Resource(typeof(LinkedFormTests), testMethod), FormResource(testMethod, label)]));

    // The form next to the test's diagram, its field label changed when a test needs another version.
    private static DeploymentResource FormResource(string testMethod, string? label = null)
    {
        var path = Path.ChangeExtension(Diagrams.Path(typeof(LinkedFormTests), testMethod), ".form");
        var content = File.ReadAllText(path);
        if (label is not null)
        {
            content = content.Replace("\"Name der Antragstellerin\"", $"\"{label}\"", StringComparison.Ordinal);
        }

        return new DeploymentResource(Path.GetFileName(path), content);
    }

    private static string? Label(string? form) => (string?)JsonNode.Parse(form ?? "null")?["components"]?[0]?["label"];

    private sealed class RefusingFormCheck : IUserTaskFormCheck
    {
        public const string Reason = "Das Feld „Name“ hat einen Typ, den Amtsweg nicht darstellen kann.";

        public string? ProblemWithSchema(string schema) => schema.Contains("textfield", StringComparison.Ordinal) ? Reason : null;

        public JsonObject Check(string schema, JsonObject submitted, JsonObject shown) => submitted;
    }
}
