using Amtsweg.Engine.Simulation.Scenarios;

namespace Amtsweg.Engine.Tests.Simulation;

public sealed class ScenarioFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("amtsweg-szenarien-").FullName;

    [Fact]
    public async Task ReadAsync_ReadsFilesAndFoldersInNameOrder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "faelle")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "b.json"), Valid("Zweiter"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.json"), Valid("Erster"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notiz.txt"), "kein Szenario");
        var single = Path.Combine(_folder, "einzeln.json");
        await File.WriteAllTextAsync(single, "\uFEFF" + Valid("Einzeln"));

        var read = await ScenarioFiles.ReadAsync([single, folder]);

        Assert.Equal(["Einzeln", "Erster", "Zweiter"], read.Select(f => f.Scenario.Name));
        Assert.Equal(Path.Combine(folder, "a.json"), read[1].File);
    }

    [Fact]
    public async Task ReadAsync_NamesFileAndPlace_WhenReaderRefusesAScenario()
    {
        var file = Path.Combine(_folder, "kaputt.json");
        await File.WriteAllTextAsync(file, Valid("Kaputt").Replace("\"completed\"", "\"fertig\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ScenarioFileException>(() => ScenarioFiles.ReadAsync([file]));

        Assert.Equal(file, error.File);
        Assert.StartsWith($"{file}: expected.state: 'fertig' ist kein Endzustand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Refuses_WhenPathIsMissingFolderIsEmptyOrFileIsNotUtf8()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "leer")).FullName;
        var latin1 = Path.Combine(_folder, "latin1.json");
        await File.WriteAllBytesAsync(latin1, System.Text.Encoding.Latin1.GetBytes("{\"name\": \"Grün\"}"));

        var missing = await Assert.ThrowsAsync<ScenarioFileException>(() => ScenarioFiles.ReadAsync([Path.Combine(_folder, "gibtsnicht.json")]));
        var none = await Assert.ThrowsAsync<ScenarioFileException>(() => ScenarioFiles.ReadAsync([empty]));
        var encoding = await Assert.ThrowsAsync<ScenarioFileException>(() => ScenarioFiles.ReadAsync([latin1]));

        Assert.EndsWith("Die Datei oder der Ordner existiert nicht.", missing.Message, StringComparison.Ordinal);
        Assert.EndsWith("Der Ordner enthält keine Szenario-Dateien (*.json).", none.Message, StringComparison.Ordinal);
        Assert.EndsWith("Die Datei ist nicht in UTF-8 kodiert.", encoding.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Valid(string name) =>
        $$"""{ "format": "amtsweg-scenario/1", "name": "{{name}}", "expected": { "state": "completed" } }""";
}
