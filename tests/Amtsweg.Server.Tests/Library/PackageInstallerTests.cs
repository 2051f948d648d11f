using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>Issue 14: a process package put into a municipality (<see cref="PackageInstaller"/>), all or nothing.</summary>
public class PackageInstallerTests
{
    private static readonly JsonSerializerOptions Json = Records.ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task Install_DeploysModelsFormsAndDecisions_RegistersTheLetters_AndRecordsInstallationAndArchive(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();

        var result = await package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = 120 });

        Assert.Equal((PackageInstallKind.Installed, "hundesteuer-test", "1.0.0"), (result.Kind, result.Manifest.Id, result.Manifest.Version));
        Assert.Equal("""{"steuerErsterHund":120,"widerspruchsfrist":"P14D"}""", result.Parameters.ToJsonString());
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var definition = Assert.Single(await engine.ListProcessDefinitionsAsync());
        Assert.Equal(("hundeanmeldung", 1, result.Deployed.DeploymentId), (definition.ProcessId, definition.Version, definition.DeploymentId));
        Assert.Equal(["hundeanmeldung-form"], (await engine.ListFormDefinitionsAsync()).Select(f => f.FormId));
        Assert.Equal(["stufe"], (await engine.ListDecisionDefinitionsAsync()).Select(d => d.DecisionId));
        var letter = Assert.Single(await db.LetterTemplates.ToListAsync());
        Assert.Equal(("steuerbescheid", "hundesteuer-test"), (letter.Key, letter.PackageId));
        Assert.Contains("Hundesteuer", letter.Text, StringComparison.Ordinal);

        var installation = Assert.Single(await db.PackageInstallations.ToListAsync());
        Assert.Equal(("hundesteuer-test", "1.0.0", "gestalterin"), (installation.PackageId, installation.Version, installation.InstalledBy));
        Assert.Equal(120, JsonNode.Parse(installation.Parameters)!["steuerErsterHund"]!.GetValue<int>());
        var deployed = JsonSerializer.Deserialize<InstalledParts>(installation.Deployed, InstalledParts.Json)!;
        Assert.Equal([new InstalledDefinition("hundeanmeldung", 1)], deployed.Processes);
        Assert.Equal([new InstalledDefinition("stufe", 1)], deployed.Decisions);
        Assert.Equal([new InstalledDefinition("hundeanmeldung-form", 1)], deployed.Forms);
        Assert.Equal(["steuerbescheid"], deployed.Letters);

        var known = Assert.Single(await db.LibraryPackages.ToListAsync());
        Assert.Equal((LibraryPackageOrigin.Mitgeliefert, null, "09999999", installation.LibraryPackageId), (known.Origin, known.PublisherPublicKey, known.PublisherAgs, known.Id));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(known.Archive)), known.Sha256);
    }

    [Theory]
    [AllProviders]
    public async Task Install_IsRefusedWithAGermanMessage_AndChangesNothing_WhenInputIsBad(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        using var invalid = new PackageFixture();
        invalid.Replace("prozesse/anmeldung.bpmn", "=parameter.steuerErsterHund * anzahlHunde", "=parameter.steuerJeHund * anzahlHunde");
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.LetterTemplates.Add(new MunicipalityLetterTemplate { Id = Guid.CreateVersion7(), Key = "steuerbescheid", Text = File.ReadAllText(Path.Combine(package.Path, "briefe", "steuerbescheid.txt")), UpdatedBy = "admin" });
            await db.SaveChangesAsync();
        }

        var before = await StateAsync(factory, municipality);
        var takenLetter = await RefusedAsync(() => package.InstallAsync(factory, municipality));
        var unknownParameter = await RefusedAsync(() => package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerJeHund"] = 100 }));
        var wrongType = await RefusedAsync(() => package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = "viel" }));
        var notValid = await RefusedAsync(() => invalid.InstallAsync(factory, municipality));
        var archive = await package.ZipAsync();
        PackageInstallException unsigned;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            unsigned = await Assert.ThrowsAsync<PackageInstallException>(() => scope.ServiceProvider.GetRequiredService<PackageInstaller>()
                .InstallAsync(archive, LibraryPackageOrigin.Hochgeladen, new Dictionary<string, JsonNode?>(), "gestalterin", allowUnsigned: false, CancellationToken.None));
        }

        Assert.Equal(before, await StateAsync(factory, municipality));
        Assert.Contains("Die Gemeinde hat schon eine eigene Briefvorlage „steuerbescheid“ (von der Administration angelegt). Sie wird nicht überschrieben", takenLetter, StringComparison.Ordinal);
        Assert.StartsWith("Den Parameter „steuerJeHund“ gibt es im Paket „hundesteuer-test“ nicht. Das Paket kennt: steuerErsterHund, widerspruchsfrist.", unknownParameter, StringComparison.Ordinal);
        Assert.StartsWith("Der Parameter „steuerErsterHund“ (Steuer je Hund (Euro/Jahr)): Erwartet wird eine Zahl.", wrongType, StringComparison.Ordinal);
        Assert.StartsWith("Das Paket ist nicht gültig", notValid, StringComparison.Ordinal);
        Assert.Contains("prozesse/anmeldung.bpmn: pruefen: Der Parameter 'steuerJeHund' (parameter.steuerJeHund) ist im Manifest nicht erklärt.", notValid, StringComparison.Ordinal);
        Assert.StartsWith("Das Paket ist nicht signiert", unsigned.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Install_LeavesNothingBehind_WhenTheDeploymentFailsAfterTheLettersWereWritten(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        var archive = await package.ZipAsync();
        var before = await StateAsync(factory, municipality);

        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            // The real deployment runs (inside the installation's transaction), then the step fails.
            var (engine, failing) = FailingAfterDeployment.Wrap(scope.ServiceProvider.GetRequiredService<IProcessEngine>());
            var installer = ActivatorUtilities.CreateInstance<PackageInstaller>(scope.ServiceProvider, engine);
            await Assert.ThrowsAsync<IOException>(() => installer.InstallAsync(archive, LibraryPackageOrigin.Mitgeliefert, new Dictionary<string, JsonNode?>(), "gestalterin", allowUnsigned: true, CancellationToken.None));
            Assert.True(failing.Deployed);
        }

        Assert.Equal(before, await StateAsync(factory, municipality));

        // And the same package then installs.
        var result = await package.InstallAsync(factory, municipality);
        Assert.Equal(PackageInstallKind.Installed, result.Kind);
        Assert.Equal(1, Assert.Single(result.Deployed.Processes).Version);
    }

    [Theory]
    [AllProviders]
    public async Task Install_OfTheSameVersionTwice_IsAClearMessage_AndAnOlderVersionIsRefused(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        using var older = new PackageFixture();
        older.Manifest(m => m["version"] = "0.9.0");
        await package.InstallAsync(factory, municipality);
        var before = await StateAsync(factory, municipality);

        var twice = await RefusedAsync(() => package.InstallAsync(factory, municipality));
        var downgrade = await RefusedAsync(() => older.InstallAsync(factory, municipality));

        Assert.Equal(before, await StateAsync(factory, municipality));
        Assert.Equal("Das Paket „Hundesteuer: Anmeldung (Testpaket)“ (hundesteuer-test) ist in Version 1.0.0 schon installiert. Es wurde nichts geändert.", twice);
        Assert.Equal("Vom Paket „Hundesteuer: Anmeldung (Testpaket)“ (hundesteuer-test) ist schon die neuere Version 1.0.0 installiert; Version 0.9.0 wird nicht installiert.", downgrade);
    }

    [Theory]
    [AllProviders]
    public async Task Update_DeploysNewVersions_KeepsValues_TakesNewDefaults_DropsRemovedParameters_ReplacesLetters_AndNamesRemovedStepsWithWaitingInstances(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = 120 });
        Guid waiting;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            waiting = (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "hundeanmeldung" })).Id;
        }

        using var newer = new PackageFixture();
        newer.Manifest(m =>
        {
            m["version"] = "1.1.0";
            var parameters = m["parameters"]!.AsArray();
            parameters.RemoveAt(1);
            parameters.Add(new JsonObject { ["name"] = "ermaessigung", ["type"] = "integer", ["default"] = 50, ["label"] = "Ermäßigung in Prozent" });
        });
        newer.Replace("prozesse/anmeldung.bpmn", "=parameter.widerspruchsfrist", "P14D");
        newer.Replace("prozesse/anmeldung.bpmn", "id=\"pruefen\" name=\"Anmeldung prüfen\"", "id=\"erfassen\" name=\"Anmeldung erfassen\"");
        newer.Replace("prozesse/anmeldung.bpmn", "targetRef=\"pruefen\"", "targetRef=\"erfassen\"");
        newer.Replace("prozesse/anmeldung.bpmn", "sourceRef=\"pruefen\"", "sourceRef=\"erfassen\"");
        newer.Replace("briefe/steuerbescheid.txt", "setzen wir die Hundesteuer", "setzen wir die Steuer für Ihren Hund");
        foreach (var scenario in Directory.EnumerateFiles(Path.Combine(newer.Path, "szenarien")))
        {
            File.WriteAllText(scenario, File.ReadAllText(scenario).Replace("\"pruefen\"", "\"erfassen\"", StringComparison.Ordinal));
        }

        var result = await newer.InstallAsync(factory, municipality);

        Assert.Equal((PackageInstallKind.Updated, "1.0.0", "1.1.0"), (result.Kind, result.PreviousVersion, result.Manifest.Version));
        Assert.Equal("""{"steuerErsterHund":120,"ermaessigung":50}""", result.Parameters.ToJsonString());
        Assert.Equal([new InstalledDefinition("hundeanmeldung", 2)], result.Deployed.Processes);
        Assert.Equal("Prozess hundeanmeldung: Der Schritt „Anmeldung prüfen“ (pruefen) fehlt in der neuen Version; ein laufender Vorgang wartet dort und bleibt auf seiner Version.", Assert.Single(result.RemovedWhileWaiting));
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var instance = await engine.GetProcessInstanceAsync(waiting);
            var definitions = await engine.ListProcessDefinitionsAsync();
            Assert.Equal(1, Assert.Single(definitions, d => d.Id == instance.ProcessDefinitionId).Version);
            Assert.Equal(["pruefen"], instance.ActiveElementIds);
            Assert.Contains("setzen wir die Steuer für Ihren Hund", Assert.Single(await db.LetterTemplates.ToListAsync()).Text, StringComparison.Ordinal);
            var installation = Assert.Single(await db.PackageInstallations.ToListAsync());
            Assert.Equal(("1.1.0", "gestalterin", 2), (installation.Version, installation.UpdatedBy, installation.Revision));
            Assert.Equal(2, await db.LibraryPackages.CountAsync());

            // New instances get the kept value and the new default; the removed parameter is gone.
            var started = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "hundeanmeldung" });
            Assert.Equal("""{"steuerErsterHund":120,"ermaessigung":50}""", started.Variables["parameter"]!.ToJsonString());
        }
    }

    [Theory]
    [AllProviders]
    public async Task StartedProcess_GetsTheParameters_WhenTheStarterGivesSome_TheStartersWin(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        using var package = new PackageFixture();
        await package.InstallAsync(factory, municipality, new Dictionary<string, JsonNode?> { ["steuerErsterHund"] = 120 });
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();

        var given = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = "hundeanmeldung",
            Variables = new Dictionary<string, object?> { ["parameter"] = new JsonObject { ["widerspruchsfrist"] = "P7D" } },
        });

        Assert.Equal("""{"steuerErsterHund":120,"widerspruchsfrist":"P7D"}""", given.Variables["parameter"]!.ToJsonString());
        Assert.False(given.Variables.ContainsKey("aktenzeichen"));
    }

    private static Task<AmtswegFactory> CreateAsync(DatabaseProvider provider) =>
        AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });

    private static async Task<string> RefusedAsync(Func<Task> install) =>
        (await Assert.ThrowsAsync<PackageInstallException>(install)).Message;

    /// <summary>Everything an installation writes, counted: equal before and after a refusal.</summary>
    private static async Task<string> StateAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var letters = string.Join(",", await db.LetterTemplates.OrderBy(t => t.Key).Select(t => t.Key + ":" + t.Text.Length + ":" + (t.PackageId ?? "-")).ToListAsync());
        return $"processes {(await engine.ListProcessDefinitionsAsync()).Count}, forms {(await engine.ListFormDefinitionsAsync()).Count}, "
            + $"decisions {(await engine.ListDecisionDefinitionsAsync()).Count}, letters [{letters}], "
            + $"installations {await db.PackageInstallations.CountAsync()}, library {await db.LibraryPackages.CountAsync()}";
    }

    /// <summary>An engine whose deployment is written and then fails, as a crash between the steps would; everything else is the real engine's.</summary>
    public class FailingAfterDeployment : DispatchProxy
    {
        private IProcessEngine _inner = null!;

        public bool Deployed { get; private set; }

        public static (IProcessEngine Engine, FailingAfterDeployment Proxy) Wrap(IProcessEngine inner)
        {
            var engine = Create<IProcessEngine, FailingAfterDeployment>();
            var proxy = (FailingAfterDeployment)(object)engine;
            proxy._inner = inner;
            return (engine, proxy);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            return targetMethod.Name == nameof(IProcessEngine.DeployAsync) ? FailAsync((Task<DeploymentInfo>)result!) : result;
        }

        private async Task<DeploymentInfo> FailAsync(Task<DeploymentInfo> deployment)
        {
            await deployment;
            Deployed = true;
            throw new IOException("Die Verbindung zur Datenbank brach ab.");
        }
    }
}
