using System.Text;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Support;

namespace Amtsweg.Records.Tests.Search;

/// <summary>A small e-file of a municipality with German documents, for the relevance tests.</summary>
internal sealed class SearchCorpus
{
    private static readonly (string Key, string Vorgang, string Title, string Type, string Date, string? Sender, string? Recipient, string Text)[] Dokumente =
    [
        ("D1", "V1", "Antrag auf Baugenehmigung", "Antrag", "2026-03-02", "Familie Schneider", null, "Hiermit beantragen wir die Baugenehmigung für ein Einfamilienhaus mit Garage auf dem Grundstück Lindenweg 5. Die Bauzeichnungen und der Lageplan liegen bei."),
        ("D2", "V1", "Stellungnahme Feuerwehr", "Stellungnahme", "2026-03-20", "Freiwillige Feuerwehr", null, "Gegen das Bauvorhaben bestehen aus Sicht des Brandschutzes keine Bedenken. Die Zufahrt für Löschfahrzeuge ist gewährleistet."),
        ("D3", "V1", "Baugenehmigung", "Bescheid", "2026-04-15", "Bauamt", "Familie Schneider", "Die Baugenehmigung wird unter folgenden Auflagen erteilt: Die Garage ist mit einem Gründach auszuführen. Gebühren: 850 Euro."),
        ("D4", "V2", "Gewerbeanmeldung", "Antrag", "2026-01-10", "Bäckerei Müller", null, "Anmeldung eines Gewerbes: Bäckerei und Konditorei, Betriebsbeginn 1. Februar 2026, Anschrift Marktplatz 3."),
        ("D5", "V2", "Anträge auf Außengastronomie", "Antrag", "2026-05-05", "Bäckerei Müller", null, "Wir stellen zwei Anträge: Außengastronomie mit sechs Tischen vor dem Laden und Verkauf an Sonntagen."),
        ("D6", "V2", "Bestätigung der Gewerbeanmeldung", "Bescheid", "2026-01-20", null, "Bäckerei Müller", "Die Anzeige über den Beginn Ihres Gewerbes wurde entgegengenommen. Gewerbesteuer wird gesondert veranlagt."),
        ("D7", "V3", "Antrag Sondernutzung Straßenfest", "Antrag", "2026-05-12", "Heimatverein", null, "Der Heimatverein beantragt die Sperrung der Hauptstrasse für das Straßenfest am 20. Juni von 10 bis 22 Uhr."),
        ("D8", "V3", "Verkehrsrechtliche Anordnung", "Bescheid", "2026-06-01", null, "Heimatverein", "Die Hauptstraße wird am 20. Juni gesperrt. Die Umleitung erfolgt über die Bahnhofstraße. Halteverbote sind aufzustellen."),
        ("D9", "V3", "Beschwerde Lärm", "Schreiben", "2026-06-25", "Anwohner Meier", null, "Nach dem Straßenfest war es bis Mitternacht laut. Ich bitte um Prüfung der Lärmschutzauflagen."),
        ("D10", "V4", "Anmeldung zur Eheschließung", "Antrag", "2026-02-14", "Anna Schmidt", null, "Wir möchten am 12. September heiraten. Geburtsurkunden und Personalausweise sind beigefügt."),
        ("D11", "V4", "Geburtsurkunde Anna Schmidt", "Urkunde", "1990-07-03", "Standesamt Köln", null, "Anna Schmidt, geboren am 3. Juli 1990 in Köln. Vater: Jürgen Schmidt, Mutter: Gülay Schmidt."),
        ("D12", "V4", "Niederschrift über die Eheschließung", "Niederschrift", "2026-09-12", null, null, "Die Ehe wurde vor der Standesbeamtin geschlossen. Trauzeugen: Peter Weber, Jörg Müller."),
        ("D13", "V2", "Lebensmittelkontrolle", "Bericht", "2026-03-30", "Veterinäramt", null, "Bei der Kontrolle der Backstube wurden keine Mängel festgestellt. Die Kühlung der Torten entspricht den Vorschriften."),
        ("D14", "V1", "Nachforderung Unterlagen", "Schreiben", "2026-03-10", null, "Familie Schneider", "Für die Prüfung Ihres Bauantrags fehlen noch die Statik und der Nachweis über den Wärmeschutz."),
        ("D15", "V5", "Anmeldung eines Hundes zur Hundesteuer", "Anmeldung", "2026-07-01", "Klaus Becker", null, "Ich melde meinen Hund Bello, einen Labrador, zum 1. Juli an. Eine Befreiung von der Steuer beantrage ich nicht."),
        ("D16", "V5", "Hundesteuerbescheid", "Bescheid", "2026-07-10", null, "Klaus Becker", "Die Steuer für Ihren Hund wird ab 1. Juli auf 96 Euro im Jahr festgesetzt. Die Hundemarke liegt bei."),
        ("D17", "V5", "Grundsteuer: Mitteilung über die Festsetzung", "Schreiben", "2026-02-01", null, "Klaus Becker", "Der Grundsteuerbescheid für das Grundstück Ahornweg 7 folgt mit gesonderter Post. Die Steuermesszahl wurde vom Finanzamt mitgeteilt."),
        ("D18", "V2", "Gewerbeummeldung Schreinerei Hoffmann", "Anzeige", "2026-08-03", "Schreinerei Hoffmann", null, "Wir verlegen den Betrieb in die Industriestraße 12. Die Gewerbeabmeldung am alten Standort erfolgt gleichzeitig."),
        ("D19", "V3", "Parkausweis für Anwohner", "Ausweis", "2026-04-20", null, "Anwohner Meier", "Der Anwohnerparkausweis für die Zone B gilt ein Jahr. Parkgebühren fallen nicht an."),
    ];

    public Dictionary<string, Guid> Positions { get; } = [];

    public Dictionary<string, Guid> Vorgaenge { get; } = [];

    /// <summary>Document key (D1…) by Dokument id.</summary>
    public Dictionary<Guid, string> KeyOf { get; } = [];

    public static async Task<SearchCorpus> SeedAsync(RecordsTestHost host, Guid tenant)
    {
        var corpus = new SearchCorpus();
        foreach (var (code, title, parent) in new[] { ("63", "Bauordnung", (string?)null), ("63.1", "Baugenehmigungen", "63"), ("32", "Öffentliche Ordnung", null), ("32.10", "Gewerbeangelegenheiten", "32"), ("60.2", "Straßenverkehr", null), ("022", "Personenstandswesen", null), ("20.3", "Steuern und Abgaben", null) })
        {
            corpus.Positions[code] = (await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand(code, title, parent, 10, DisposalRule.Archive))).Id;
        }

        foreach (var (key, code, akte, vorgang) in new[]
        {
            ("V1", "63.1", "Grundstück Lindenweg 5", "Bauantrag Einfamilienhaus Lindenweg 5"),
            ("V2", "32.10", "Bäckerei Müller, Marktplatz 3", "Gewerbeanmeldung Bäckerei Müller"),
            ("V3", "60.2", "Sondernutzungen Hauptstraße", "Sondernutzung Straßenfest Hauptstraße"),
            ("V4", "022", "Eheschließungen 2026", "Eheschließung Schmidt/Weber"),
            ("V5", "20.3", "Steuern Becker, Ahornweg 7", "Hunde- und Grundsteuer Becker"),
        })
        {
            var created = await host.ExecuteAsync(tenant, new CreateAkteCommand(corpus.Positions[code], akte));
            corpus.Vorgaenge[key] = (await host.ExecuteAsync(tenant, new OpenVorgangCommand(created.Id, vorgang))).Id;
        }

        foreach (var d in Dokumente)
        {
            var metadata = new DokumentMetadata(d.Title, DateOnly.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture), d.Type, d.Sender, d.Recipient, Confidentiality.Internal, d.Key + ".txt", "text/plain");
            var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(corpus.Vorgaenge[d.Vorgang], metadata, new MemoryStream(Encoding.UTF8.GetBytes(d.Text))));
            corpus.KeyOf[version.DokumentId] = d.Key;
        }

        await host.ExecuteAsync(tenant, new CloseVorgangCommand(corpus.Vorgaenge["V4"]));
        return corpus;
    }
}
