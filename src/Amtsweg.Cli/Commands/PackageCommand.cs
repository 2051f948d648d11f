using System.CommandLine;
using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Packages.Diff;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg package validate|test|keygen|pack|verify|diff|import</c>: process packages of the shared library
/// (<c>docs/process-packages.md</c>). Exit codes: 0 when all is well, 1 when the package has problems (invalid, a scenario
/// failed, a signature that does not hold), 2 when the input cannot be read at all (missing, not a folder or archive, an
/// unsafe archive, for <c>diff</c> also a missing or invalid manifest).
/// </summary>
internal static class PackageCommand
{
    public static Command Create() =>
        new("package", "Prozesspakete der gemeinsamen Bibliothek prüfen, testen, signieren, vergleichen und in eine Gemeinde installieren.") { Validate(), Test(), Keygen(), Pack(), Verify(), Diff(), Import() };

    private static Argument<string> PackagePath() =>
        new("paket") { Description = "Der Paketordner, ein Zip-Archiv seines Inhalts oder ein signiertes Paket (.amtsweg-paket)." };

    private static Command Validate()
    {
        var path = PackagePath();
        var command = new Command("validate", "Prüft Manifest, Parameter, Modelle, Formulare, Entscheidungen, Briefvorlagen und Szenarien; je Problem eine Zeile, zuletzt: valid oder N problems.") { path };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var validation = await PackageValidator.ValidateAsync(result.GetValue(path)!, cancellationToken);
            await WarnAsync(validation);
            Print(validation.Lines());
            return validation.IsValid ? 0 : 1;
        }));
        return command;
    }

    private static Command Test()
    {
        var path = PackagePath();
        var command = new Command("test", "Prüft das Paket und führt jedes Szenario aus szenarien/ aus; je Szenario eine Zeile, zuletzt: scenarios passed N of M.") { path };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var test = await PackageTester.TestAsync(result.GetValue(path)!, cancellationToken);
            await WarnAsync(test.Validation);
            Print(test.Lines());
            return test.Passed ? 0 : 1;
        }));
        return command;
    }

    private static Command Keygen()
    {
        var output = new Option<string>("--out") { HelpName = "datei", Description = "Die Datei für das Schlüsselpaar (wird nur neu angelegt, Rechte 600).", Required = true };
        var command = new Command("keygen", "Erzeugt ein Ed25519-Schlüsselpaar zum Signieren von Paketen und gibt den öffentlichen Schlüssel (Base64) aus.") { output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(output)!;
            using var key = PackageKey.Create();
            try
            {
                key.Save(file);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(File.Exists(file)
                    ? $"Fehler: {file}: Die Datei gibt es schon; ein Schlüssel wird nie überschrieben."
                    : $"Fehler: {file}: Die Datei lässt sich nicht schreiben ({error.Message}).");
                return 2;
            }

            await Console.Error.WriteLineAsync(($"Privater Schlüssel gespeichert in {file} (nur für den Eigentümer lesbar). Der öffentliche Schlüssel:").AsMemory(), cancellationToken);
            Console.WriteLine(key.PublicKey);
            return 0;
        });
        return command;
    }

    private static Command Pack()
    {
        var path = new Argument<string>("ordner") { Description = "Der Paketordner (oder ein Zip-Archiv seines Inhalts)." };
        var keyFile = new Option<string>("--key") { HelpName = "datei", Description = "Die Schlüsseldatei von amtsweg package keygen.", Required = true };
        var output = new Option<string?>("--out") { HelpName = "datei", Description = "Die Zieldatei. Standard: <id>-<version>.amtsweg-paket im aktuellen Ordner." };
        var command = new Command("pack", "Prüft das Paket und schreibt es als signiertes Archiv (<id>-<version>.amtsweg-paket).") { path, keyFile, output };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var files = await PackageReader.ReadAsync(result.GetValue(path)!, cancellationToken);
            var validation = await PackageValidator.ValidateAsync(files, cancellationToken);
            if (!validation.IsValid)
            {
                Print(validation.Lines());
                await Console.Error.WriteLineAsync("Fehler: Ein ungültiges Paket wird nicht signiert.");
                return 1;
            }

            PackageKey key;
            try
            {
                key = PackageKey.Load(result.GetValue(keyFile)!);
            }
            catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("Fehler: " + error.Message);
                return 2;
            }

            using (key)
            {
                var target = result.GetValue(output) ?? PackageSigner.FileName(validation.Manifest!);
                try
                {
                    await File.WriteAllBytesAsync(target, PackageSigner.Pack(files, validation.Manifest!, key), cancellationToken);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"Fehler: {target}: Die Datei lässt sich nicht schreiben ({error.Message}).");
                    return 2;
                }

                Console.WriteLine($"signiert: {target} ({validation.Manifest!.Id} {validation.Manifest.Version}, Schlüssel {key.PublicKey})");
                return 0;
            }
        }));
        return command;
    }

    private static Command Verify()
    {
        var path = new Argument<string>("datei") { Description = "Das signierte Paket (.amtsweg-paket)." };
        var expected = new Option<string?>("--publisher-key") { HelpName = "schluessel", Description = "Der öffentliche Schlüssel (Base64), mit dem der Herausgeber signiert; ein anderer gilt als fremd." };
        var command = new Command("verify", "Prüft die Signatur eines Pakets: jede Datei unverändert, keine fehlt oder kam hinzu, die Signatur gültig; zuletzt: signature valid oder signature invalid.") { path, expected };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var file = result.GetValue(path)!;
            if (Directory.Exists(file))
            {
                throw new PackageReadException($"{file}: Erwartet wird ein signiertes Paket (.amtsweg-paket), kein Ordner.");
            }

            var verification = PackageSigner.Verify(await PackageReader.ReadAsync(file, cancellationToken), result.GetValue(expected));
            Print(verification.Lines());
            return verification.IsValid ? 0 : 1;
        }));
        return command;
    }

    private static Command Diff()
    {
        var before = new Argument<string>("alt") { Description = "Die alte Version: Paketordner, Zip-Archiv oder signiertes Paket (.amtsweg-paket)." };
        var after = new Argument<string>("neu") { Description = "Die neue Version: Paketordner, Zip-Archiv oder signiertes Paket (.amtsweg-paket)." };
        var command = new Command("diff", "Zeigt, was sich zwischen zwei Versionen eines Pakets geändert hat, nach Dateien geordnet: Manifest und Parameter, Elemente der Modelle und Entscheidungen, Zeilen der Texte; zuletzt: N Änderungen oder keine Änderungen.") { before, after };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var old = await PackageReader.ReadAsync(result.GetValue(before)!, cancellationToken);
            var current = await PackageReader.ReadAsync(result.GetValue(after)!, cancellationToken);
            Print(PackageDiff.Compare(old, current).Lines());
            return 0;
        }));
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("paket") { Description = "Das signierte Paket (.amtsweg-paket); ein Paketordner nur mit --unsigned." };
        var tenant = new Option<string>("--tenant") { HelpName = "ags", Description = "Der AGS der Gemeinde, in die das Paket installiert wird.", Required = true };
        var parameters = new Option<string[]>("--parameter")
        {
            HelpName = "name=wert",
            Description = "Der Wert eines Paketparameters (mehrfach möglich), z. B. --parameter steuerErsterHund=96; nicht genannte Parameter behalten ihren Wert oder nehmen den Standardwert.",
            AllowMultipleArgumentsPerToken = false,
        };
        var unsigned = new Option<bool>("--unsigned") { Description = "Für Entwickler: einen Paketordner oder ein unsigniertes Archiv ohne Signatur installieren." };
        var command = new Command("import", "Prüft Signatur und Paket, zeigt Herausgeber, Paket, Version und Schlüssel und installiert es in die Gemeinde (oder aktualisiert es); zuletzt: installiert: <id> <version> oder die Probleme.") { path, tenant, parameters, unsigned };
        command.SetAction(async (result, cancellationToken) => await ReadingAsync(async () =>
        {
            var source = result.GetValue(path)!;
            var allowUnsigned = result.GetValue(unsigned);
            if (Directory.Exists(source) && !allowUnsigned)
            {
                throw new PackageReadException($"{source}: Ein Paketordner ist nicht signiert; installiert wird er nur mit --unsigned (für Entwickler). Erwartet wird ein signiertes Paket (.amtsweg-paket).");
            }

            var files = await PackageReader.ReadAsync(source, cancellationToken);
            byte[] archive;
            try
            {
                archive = Directory.Exists(source) ? PackageInstaller.Zip(files) : await File.ReadAllBytesAsync(source, cancellationToken);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new PackageReadException($"{source}: Die Datei lässt sich nicht lesen.", error);
            }

            // What the signature says is shown before anything is installed: whoever installs sees whose package it is.
            string? key = null;
            if (files.Signature is not null)
            {
                var verification = PackageSigner.Verify(files);
                if (!verification.IsValid)
                {
                    Print(verification.Lines());
                    return 1;
                }

                key = verification.PublicKey;
            }
            else if (!allowUnsigned)
            {
                Console.WriteLine("Das Paket ist nicht signiert (signatur.json fehlt). Installiert werden nur signierte Pakete; für Entwickler: --unsigned.");
                return 1;
            }

            PackageManifest manifest;
            try
            {
                manifest = ManifestReader.Read(files.Text(PackageLayout.Manifest));
            }
            catch (Exception error) when (error is PackageManifestException or PackageTextException or KeyNotFoundException)
            {
                Console.WriteLine(error is KeyNotFoundException ? $"{PackageLayout.Manifest}: Das Manifest fehlt." : $"{PackageLayout.Manifest}: {error.Message}");
                return 1;
            }

            Console.WriteLine($"Herausgeber: {manifest.Publisher.Name} (AGS {manifest.Publisher.Ags})");
            Console.WriteLine($"Paket: {manifest.Id} {manifest.Version} – {manifest.Title}");
            Console.WriteLine(key is null ? "Schlüssel: keiner (unsigniert, --unsigned)" : $"Schlüssel: {PackageKey.Fingerprint(key)}");

            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var given in result.GetValue(parameters) ?? [])
            {
                var equals = given.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Console.WriteLine($"--parameter {given}: Erwartet wird NAME=WERT.");
                    return 1;
                }

                var name = given[..equals].Trim();
                var text = given[(equals + 1)..];
                try
                {
                    // An undeclared name is passed on as text: the installer refuses it with the names the package knows.
                    values[name] = manifest.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter ? PackageParameterValues.FromText(parameter, text) : JsonValue.Create(text);
                }
                catch (PackageParameterException error)
                {
                    Console.WriteLine(error.Message);
                    return 1;
                }
            }

            return await CliHost.RunForMunicipalityAsync(result, result.GetValue(tenant)!, async (_, scope, _) =>
            {
                try
                {
                    var installed = await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
                        .InstallAsync(archive, LibraryPackageOrigin.Hochgeladen, values, "cli:" + Environment.UserName, allowUnsigned, cancellationToken);
                    if (installed.Kind == PackageInstallKind.Updated)
                    {
                        Console.WriteLine($"aktualisiert von Version {installed.PreviousVersion}");
                    }

                    foreach (var note in installed.RemovedWhileWaiting)
                    {
                        Console.WriteLine("Hinweis: " + note);
                    }

                    Console.WriteLine($"installiert: {installed.Manifest.Id} {installed.Manifest.Version}");
                    return 0;
                }
                catch (PackageInstallException refused)
                {
                    Print(refused.Problems);
                    return 1;
                }
            }, cancellationToken);
        }));
        return command;
    }

    /// <summary>Runs a body that reads a package; a package that cannot be read ends with its German message and exit code 2.</summary>
    private static async Task<int> ReadingAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (PackageReadException error)
        {
            await Console.Error.WriteLineAsync("Fehler: " + error.Message);
            return 2;
        }
    }

    private static async Task WarnAsync(PackageValidation validation)
    {
        foreach (var warning in validation.Warnings)
        {
            await Console.Error.WriteLineAsync("Warnung: " + warning);
        }
    }

    private static void Print(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }
}
