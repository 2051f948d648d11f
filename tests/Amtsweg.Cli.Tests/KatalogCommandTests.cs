using System.Text.Json.Nodes;
using Amtsweg.Library.Signing;
using Amtsweg.Server;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Builder;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// <c>amtsweg katalog</c> (issue 14.4): an installation subscribes to another's catalogue, fetches it, sees a
/// publisher's key change waiting and accepts it. The other installation is a real server on loopback whose municipality
/// published through <c>package import</c>.
/// </summary>
public sealed class KatalogCommandTests
{
    private const string PublisherAgs = "09999999";

    [Fact]
    public async Task Katalog_AddsFetchesListsAndAcceptsAKeyChange_OnlyForThePendingKey()
    {
        using var publisher = new CliDataFolder();
        using var data = new CliDataFolder();
        await publisher.CreateTenantAsync(PublisherAgs, "Musterstadt");
        var package = CopyFixture(publisher);
        var firstKey = await KeygenAsync(publisher, "erster.key");
        await PublishAsync(publisher, package, "erster.key", "1.0.0");
        await using var server = await StartAsync(publisher);
        var catalogue = server.Urls.Single().TrimEnd('/') + "/api/bibliothek/katalog";

        var added = await data.RunAsync("katalog", "add", catalogue, "--name", "Kreis-IT Musterland");
        var before = await data.RunAsync("katalog", "list");
        var fetched = await data.RunAsync("katalog", "fetch");

        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Assert.Equal($"abonniert: Kreis-IT Musterland ({catalogue})", Lines(added.Output).Single());
        Assert.Contains("noch nicht abgerufen", before.Output, StringComparison.Ordinal);
        Assert.Equal(["1 Katalog abonniert", "kein Schlüsselwechsel wartet"], Lines(before.Output)[^2..]);
        Assert.True(fetched.ExitCode == 0, fetched.Output + fetched.Error);
        Assert.Equal(
            [$"Kreis-IT Musterland ({catalogue}):", "übernommen: hundesteuer-test 1.0.0 – Hundesteuer: Anmeldung (Testpaket)", "1 übernommen, 0 schon bekannt, 0 Probleme"],
            Lines(fetched.Output));

        // The publisher signs its next version with another key: held back, shown, and only that key can be accepted.
        var secondKey = await KeygenAsync(publisher, "zweiter.key");
        await PublishAsync(publisher, package, "zweiter.key", "1.1.0");
        var held = await data.RunAsync("katalog", "fetch", catalogue);
        var waiting = await data.RunAsync("katalog", "list");
        var wrongKey = await data.RunAsync("katalog", "accept-key", PublisherAgs, "--key", firstKey);
        var notAKey = await data.RunAsync("katalog", "accept-key", PublisherAgs, "--key", "kein-schluessel");
        var notAnAgs = await data.RunAsync("katalog", "accept-key", "999", "--key", secondKey);
        var stillHeld = await data.RunAsync("katalog", "fetch");

        Assert.Equal(1, held.ExitCode);
        var refused = Assert.Single(Lines(held.Output), l => l.StartsWith("nicht übernommen: ", StringComparison.Ordinal));
        Assert.Contains("hundesteuer-test 1.1.0", refused, StringComparison.Ordinal);
        Assert.Contains($"anderen Schlüssel ({PackageKey.Fingerprint(secondKey)})", refused, StringComparison.Ordinal);
        Assert.Equal("0 übernommen, 1 schon bekannt, 1 Problem", Lines(held.Output)[^1]);
        Assert.Contains($"gespeicherter Schlüssel: {PackageKey.Fingerprint(firstKey)}", waiting.Output, StringComparison.Ordinal);
        Assert.Contains($"neuer Schlüssel:         {PackageKey.Fingerprint(secondKey)}", waiting.Output, StringComparison.Ordinal);
        Assert.Contains($"amtsweg katalog accept-key {PublisherAgs} --key {secondKey}", waiting.Output, StringComparison.Ordinal);
        Assert.Equal("1 Schlüsselwechsel wartet", Lines(waiting.Output)[^1]);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("wartet inzwischen ein anderer Schlüssel", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAKey.ExitCode);
        Assert.Contains("kein öffentlicher Ed25519-Schlüssel", notAKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAnAgs.ExitCode);
        Assert.Contains("kein Amtlicher Gemeindeschlüssel", notAnAgs.Error, StringComparison.Ordinal);
        Assert.Equal(1, stillHeld.ExitCode);

        var accepted = await data.RunAsync("katalog", "accept-key", PublisherAgs, "--key", secondKey);
        var taken = await data.RunAsync("katalog", "fetch");
        var after = await data.RunAsync("katalog", "list");

        Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Error);
        Assert.Equal($"angenommen: Herausgeber {PublisherAgs}, Schlüssel {PackageKey.Fingerprint(secondKey)} ersetzt {PackageKey.Fingerprint(firstKey)}; der nächste Abruf übernimmt seine Pakete.", Lines(accepted.Output).Single());
        Assert.True(taken.ExitCode == 0, taken.Output + taken.Error);
        Assert.Equal(["übernommen: hundesteuer-test 1.1.0 – Hundesteuer: Anmeldung (Testpaket)", "1 übernommen, 1 schon bekannt, 0 Probleme"], Lines(taken.Output)[1..]);
        Assert.Contains("ohne Probleme", after.Output, StringComparison.Ordinal);
        Assert.Equal("kein Schlüsselwechsel wartet", Lines(after.Output)[^1]);
    }

    [Fact]
    public async Task Katalog_RefusesInGerman_AndChangesNothing_WhenAddressOrSubscriptionIsWrong()
    {
        using var data = new CliDataFolder();
        const string Catalogue = "https://kreis-it.example.org/api/bibliothek/katalog";

        var plainHttp = await data.RunAsync("katalog", "add", "http://kreis-it.example.org/api/bibliothek/katalog");
        var notAnAddress = await data.RunAsync("katalog", "add", "kein Link");
        var nothingToFetch = await data.RunAsync("katalog", "fetch");
        var added = await data.RunAsync("katalog", "add", Catalogue);
        var twice = await data.RunAsync("katalog", "add", Catalogue, "--name", "noch einmal");
        var notSubscribed = await data.RunAsync("katalog", "fetch", "https://anderer.example.org/api/bibliothek/katalog");
        var noPending = await data.RunAsync("katalog", "accept-key", PublisherAgs, "--key", Convert.ToBase64String(new byte[32]));
        var list = await data.RunAsync("katalog", "list");
        var removed = await data.RunAsync("katalog", "remove", Catalogue);
        var removedTwice = await data.RunAsync("katalog", "remove", Catalogue);
        var empty = await data.RunAsync("katalog", "list");

        Assert.Equal(2, plainHttp.ExitCode);
        Assert.Contains("Kataloge werden nur über HTTPS abgerufen", plainHttp.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAnAddress.ExitCode);
        Assert.Contains("keine gültige Adresse", notAnAddress.Error, StringComparison.Ordinal);
        Assert.Equal(1, nothingToFetch.ExitCode);
        Assert.Contains("Es ist kein Katalog abonniert", nothingToFetch.Error, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        Assert.Equal($"abonniert: kreis-it.example.org ({Catalogue})", Lines(added.Output).Single());
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("schon abonniert", twice.Error, StringComparison.Ordinal);
        Assert.Equal(1, notSubscribed.ExitCode);
        Assert.Contains("ist nicht abonniert", notSubscribed.Error, StringComparison.Ordinal);
        Assert.Equal(1, noPending.ExitCode);
        Assert.Contains("wartet kein neuer Schlüssel", noPending.Error, StringComparison.Ordinal);
        Assert.Equal("1 Katalog abonniert", Lines(list.Output)[^2]);
        Assert.DoesNotContain("noch einmal", list.Output, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.Output + removed.Error);
        Assert.Equal(1, removedTwice.ExitCode);
        Assert.Equal("0 Kataloge abonniert", Lines(empty.Output)[^2]);
    }

    private static async Task<string> KeygenAsync(CliDataFolder folder, string name)
    {
        var keygen = await folder.RunAsync("package", "keygen", "--out", folder.File(name));
        Assert.True(keygen.ExitCode == 0, keygen.Error);
        return Lines(keygen.Output).Single();
    }

    /// <summary>Signs the package as <paramref name="version"/> and installs it into the publisher's municipality, which publishes it.</summary>
    private static async Task PublishAsync(CliDataFolder publisher, string package, string keyName, string version)
    {
        var file = Path.Combine(package, "amtsweg-package.json");
        var manifest = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        manifest["version"] = version;
        File.WriteAllText(file, manifest.ToJsonString());
        var archive = publisher.File($"paket-{version}.amtsweg-paket");
        var pack = await publisher.RunAsync("package", "pack", package, "--key", publisher.File(keyName), "--out", archive);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var import = await publisher.RunAsync("package", "import", archive, "--tenant", PublisherAgs);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
    }

    /// <summary>The publisher's installation as a server on a random loopback port.</summary>
    private static async Task<WebApplication> StartAsync(CliDataFolder publisher)
    {
        var app = AmtswegApp.Build(AmtswegApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Amtsweg:DataDirectory"] = publisher.Path,
            ["urls"] = "http://127.0.0.1:0",
            ["Amtsweg:Demo:Enabled"] = "false",
            ["Amtsweg:JobExecutor:Enabled"] = "false",
            ["Amtsweg:Katalog:FetchInterval"] = "00:00:00",
        }));
        await app.StartAsync();
        return app;
    }

    private static string CopyFixture(CliDataFolder data)
    {
        var target = data.File("paket");
        Copy(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages", "gueltig"), target);
        return target;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
