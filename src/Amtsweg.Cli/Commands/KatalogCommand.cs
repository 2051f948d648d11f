using System.CommandLine;
using System.Text.RegularExpressions;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Signing;
using Amtsweg.Server.Features.Library.Katalog;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg katalog add|list|fetch|remove|accept-key</c>: this installation's subscriptions to other installations'
/// published catalogues (issue 14.4, <c>docs/process-packages.md</c>). Subscriptions are installation-wide, so no
/// <c>--tenant</c>. Exit codes: 0 when all went well, 1 when something was refused or a fetch had problems (each named
/// in German), 2 when an argument cannot be used at all (not an address allowed for catalogues, not an AGS, not a key).
/// </summary>
internal static partial class KatalogCommand
{
    public static Command Create() =>
        new("katalog", "Kataloge anderer Amtsweg-Installationen abonnieren, abrufen und Schlüsselwechsel der Herausgeber bestätigen.") { Add(), List(), Fetch(), Remove(), AcceptKey() };

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "Die Adresse des Katalogs (https://…/api/bibliothek/katalog; http nur zur eigenen Maschine)." };
        var name = new Option<string?>("--name") { HelpName = "name", Description = "Ein Name, an dem man den Katalog erkennt. Standard: der Rechnername der Adresse." };
        var command = new Command("add", "Abonniert einen Katalog; abgerufen wird er mit katalog fetch oder regelmäßig vom Server.") { url, name };
        command.SetAction((result, cancellationToken) => RunAsync(result, async services =>
        {
            Uri address;
            try
            {
                address = CatalogueAddress.Parse(result.GetValue(url)!);
            }
            catch (CatalogueEntryException error)
            {
                return await FailAsync(error.Message, 2);
            }

            var added = await services.GetRequiredService<CatalogueSubscriptions>()
                .AddAsync(address.AbsoluteUri, result.GetValue(name) ?? address.Host, OperationsCli.Actor, cancellationToken);
            Console.WriteLine($"abonniert: {added.Name} ({added.Url})");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Listet die abonnierten Kataloge mit letztem Abruf und Ergebnis, danach die wartenden Schlüsselwechsel.");
        command.SetAction((result, cancellationToken) => RunAsync(result, async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            var subscriptions = await db.CatalogueSubscriptions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Url).ToListAsync(cancellationToken);
            var pending = await db.PinnedPublisherKeys.AsNoTracking().Where(p => p.PendingPublicKey != null).OrderBy(p => p.PublisherAgs).ToListAsync(cancellationToken);
            OperationsCli.WriteTable(
                ["Name", "Adresse", "Zuletzt abgerufen", "Übernommen", "Ergebnis"],
                [.. subscriptions.Select(s => (IReadOnlyList<string?>)[s.Name, s.Url, OperationsCli.Time(s.LastFetchedAt), s.LastFetchedAt is null ? "–" : s.LastImported.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome(s)])],
                subscriptions.Count == 1 ? "1 Katalog abonniert" : $"{subscriptions.Count} Kataloge abonniert");
            foreach (var pin in pending)
            {
                Console.WriteLine();
                Console.WriteLine($"Schlüsselwechsel wartet: Herausgeber {pin.PublisherAgs}, seit {OperationsCli.Time(pin.PendingSince)}, angeboten von {pin.PendingCatalogueUrl}");
                Console.WriteLine($"  gespeicherter Schlüssel: {PackageKey.Fingerprint(pin.PublicKey)}");
                Console.WriteLine($"  neuer Schlüssel:         {PackageKey.Fingerprint(pin.PendingPublicKey!)}");
                Console.WriteLine($"  annehmen, nach Rückfrage beim Herausgeber: amtsweg katalog accept-key {pin.PublisherAgs} --key {pin.PendingPublicKey}");
            }

            Console.WriteLine(pending.Count switch
            {
                0 => "kein Schlüsselwechsel wartet",
                1 => "1 Schlüsselwechsel wartet",
                _ => $"{pending.Count} Schlüsselwechsel warten",
            });
            return 0;
        }));
        return command;
    }

    private static Command Fetch()
    {
        var url = new Argument<string?>("url") { Description = "Nur diesen abonnierten Katalog abrufen. Standard: alle.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("fetch", "Ruft die abonnierten Kataloge jetzt ab; je Paket eine Zeile: übernommen oder nicht übernommen mit dem Grund.") { url };
        command.SetAction((result, cancellationToken) => RunAsync(result, async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            var only = result.GetValue(url);
            List<CatalogueSubscription> subscriptions;
            if (only is null)
            {
                subscriptions = await db.CatalogueSubscriptions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Url).ToListAsync(cancellationToken);
                if (subscriptions.Count == 0)
                {
                    return await FailAsync("Es ist kein Katalog abonniert (amtsweg katalog add <url>).", 1);
                }
            }
            else
            {
                var normalized = await NormalizedAsync(only);
                if (normalized is null)
                {
                    return 2;
                }

                subscriptions = await db.CatalogueSubscriptions.AsNoTracking().Where(s => s.Url == normalized).ToListAsync(cancellationToken);
                if (subscriptions.Count == 0)
                {
                    return await FailAsync($"Der Katalog {normalized} ist nicht abonniert (amtsweg katalog add {normalized}).", 1);
                }
            }

            var fetcher = services.GetRequiredService<CatalogueFetcher>();
            int taken = 0, known = 0, problems = 0;
            foreach (var subscription in subscriptions)
            {
                Console.WriteLine($"{subscription.Name} ({subscription.Url}):");
                var fetched = await fetcher.FetchAsync(subscription.Id, cancellationToken);
                foreach (var package in fetched.Taken)
                {
                    Console.WriteLine("  übernommen: " + package);
                }

                foreach (var problem in fetched.Problems)
                {
                    Console.WriteLine("  nicht übernommen: " + problem.ReplaceLineEndings(" "));
                }

                (taken, known, problems) = (taken + fetched.Imported, known + fetched.Known, problems + fetched.Problems.Count);
            }

            Console.WriteLine($"{taken} übernommen, {known} schon bekannt, {problems} {(problems == 1 ? "Problem" : "Probleme")}");
            return problems == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Remove()
    {
        var url = new Argument<string>("url") { Description = "Die Adresse des abonnierten Katalogs." };
        var command = new Command("remove", "Beendet ein Abonnement. Schon übernommene Pakete und gespeicherte Schlüssel bleiben.") { url };
        command.SetAction((result, cancellationToken) => RunAsync(result, async services =>
        {
            var normalized = await NormalizedAsync(result.GetValue(url)!);
            if (normalized is null)
            {
                return 2;
            }

            var db = services.GetRequiredService<PlatformDbContext>();
            var id = await db.CatalogueSubscriptions.Where(s => s.Url == normalized).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return await FailAsync($"Der Katalog {normalized} ist nicht abonniert.", 1);
            }

            var removed = await services.GetRequiredService<CatalogueSubscriptions>().RemoveAsync(id.Value, OperationsCli.Actor, cancellationToken);
            Console.WriteLine($"entfernt: {removed.Name} ({removed.Url})");
            return 0;
        }));
        return command;
    }

    private static Command AcceptKey()
    {
        var ags = new Argument<string>("ags") { Description = "Der AGS des Herausgebers, dessen neuer Schlüssel wartet." };
        var key = new Option<string>("--key") { HelpName = "schluessel", Description = "Der neue öffentliche Schlüssel (Base64), wie katalog list ihn zeigt; nach Rückfrage beim Herausgeber.", Required = true };
        var command = new Command("accept-key", "Nimmt den wartenden neuen Schlüssel eines Herausgebers an; lehnt ab, wenn --key nicht der wartende Schlüssel ist.") { ags, key };
        command.SetAction((result, cancellationToken) => RunAsync(result, async services =>
        {
            var publisher = result.GetValue(ags)!.Trim();
            var publicKey = result.GetValue(key)!.Trim();
            if (!AgsPattern().IsMatch(publisher))
            {
                return await FailAsync($"„{publisher}“ ist kein Amtlicher Gemeindeschlüssel (8 Ziffern).", 2);
            }

            var raw = new byte[64];
            if (!Convert.TryFromBase64String(publicKey, raw, out var length) || length != 32)
            {
                return await FailAsync("--key ist kein öffentlicher Ed25519-Schlüssel (32 Bytes in Base64, wie katalog list ihn zeigt).", 2);
            }

            var previous = await services.GetRequiredService<PlatformDbContext>().PinnedPublisherKeys.AsNoTracking()
                .Where(p => p.PublisherAgs == publisher).Select(p => p.PublicKey).SingleOrDefaultAsync(cancellationToken);
            var pin = await services.GetRequiredService<CatalogueSubscriptions>().AcceptKeyChangeAsync(publisher, publicKey, OperationsCli.Actor, cancellationToken);
            Console.WriteLine($"angenommen: Herausgeber {pin.PublisherAgs}, Schlüssel {PackageKey.Fingerprint(pin.PublicKey)} ersetzt {PackageKey.Fingerprint(previous!)}; der nächste Abruf übernimmt seine Pakete.");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Runs a body with the platform's services (installation-wide, no municipality; the embedded database migrated);
    /// a refusal of the catalogue services ends with its German message and exit code 1.
    /// </summary>
    private static Task<int> RunAsync(ParseResult result, Func<IServiceProvider, Task<int>> body) =>
        CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using (var migration = app.Services.CreateAsyncScope())
            {
                await migration.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(CancellationToken.None);
            }

            await using var scope = app.Services.CreatePlatformScope();
            try
            {
                return await body(scope.ServiceProvider);
            }
            catch (CatalogueEntryException refused)
            {
                return await FailAsync(refused.Message, 1);
            }
        });

    private static async Task<string?> NormalizedAsync(string url)
    {
        try
        {
            return CatalogueAddress.Parse(url).AbsoluteUri;
        }
        catch (CatalogueEntryException error)
        {
            await FailAsync(error.Message, 2);
            return null;
        }
    }

    private static string Outcome(CatalogueSubscription subscription) => subscription switch
    {
        { LastFetchedAt: null } => "noch nicht abgerufen",
        { LastError: null } => "ohne Probleme",
        { LastError: var error } => error.Split('\n') is { Length: 1 } one ? one[0] : $"{error.Split('\n').Length} Probleme, zuerst: {error.Split('\n')[0]}",
    };

    private static async Task<int> FailAsync(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync("Fehler: " + message);
        return exitCode;
    }

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex AgsPattern();
}
