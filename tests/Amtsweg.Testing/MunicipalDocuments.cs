using System.Globalization;
using System.Text;

namespace Amtsweg.Testing;

/// <summary>A generated document of a town hall.</summary>
public sealed record GeneratedDocument(string Title, string Type, DateOnly Date, string? Sender, string? Recipient, string Text);

/// <summary>
/// Deterministic German documents of about 2 KB with the vocabulary of a town hall: subjects (many of them compound
/// words), document types, names, streets and sentences of administrative German. The same seed gives the same
/// documents on every machine, so both providers and repeated runs search the same corpus (the search benchmark and
/// the search tests).
/// </summary>
public sealed class MunicipalDocuments(int seed = 2026)
{
    private static readonly string[] Subjects =
    [
        "Gewerbeanmeldung", "Gewerbeabmeldung", "Gewerbeummeldung", "Baugenehmigung", "Bauantrag", "Bauvoranfrage", "Abrissgenehmigung",
        "Hundesteuer", "Grundsteuer", "Gewerbesteuer", "Zweitwohnungsteuer", "Vergnügungsteuer", "Hundesteuerbefreiung",
        "Sondernutzungserlaubnis", "Straßensperrung", "Halteverbot", "Parkausweis", "Anwohnerparkausweis", "Schwerbehindertenparkplatz",
        "Eheschließung", "Geburtsurkunde", "Sterbeurkunde", "Namensänderung", "Personalausweis", "Reisepass", "Meldebescheinigung",
        "Kitaplatz", "Kindergartenbeitrag", "Schülerbeförderung", "Ferienbetreuung", "Wohngeld", "Elterngeld",
        "Baumfällung", "Grünschnitt", "Sperrmüll", "Abfallgebühr", "Abwassergebühr", "Straßenreinigung", "Winterdienst",
        "Lärmbeschwerde", "Ruhestörung", "Falschparker", "Fundsache", "Brandschutz", "Feuerwehreinsatz", "Katastrophenschutz",
        "Veranstaltungsanzeige", "Straßenfest", "Weihnachtsmarkt", "Schankerlaubnis", "Gaststättenerlaubnis", "Spielhalle",
        "Friedhofsgebühr", "Grabstelle", "Urnenbeisetzung", "Vereinsförderung", "Zuschuss", "Sportstättennutzung",
        "Bebauungsplan", "Flächennutzungsplan", "Erschließungsbeitrag", "Straßenausbaubeitrag", "Vorkaufsrecht", "Grundstückskauf",
    ];

    private static readonly string[] Types = ["Antrag", "Bescheid", "Schreiben", "Stellungnahme", "Vermerk", "Niederschrift", "Anzeige", "Rechnung", "Widerspruch", "Mitteilung"];

    private static readonly string[] FirstNames = ["Anna", "Erika", "Jürgen", "Peter", "Gülay", "Thomas", "Sabine", "Mehmet", "Monika", "Stefan", "Katharina", "Lukas", "Sophie", "Jörg", "Ursula", "Ahmet", "Claudia", "Michael", "Renate", "Jonas"];

    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Yılmaz", "Kaya", "Öztürk", "Nowak", "Kowalski"];

    private static readonly string[] Streets = ["Hauptstraße", "Bahnhofstraße", "Lindenweg", "Marktplatz", "Kirchgasse", "Schulstraße", "Gartenstraße", "Am Mühlbach", "Birkenallee", "Industriestraße", "Ahornweg", "Rathausplatz", "Feldweg", "Bergstraße", "Waldstraße"];

    private static readonly string[] Offices = ["Bauamt", "Ordnungsamt", "Standesamt", "Kämmerei", "Bürgerbüro", "Hauptamt", "Steueramt", "Friedhofsverwaltung", "Landratsamt", "Finanzamt", "Gesundheitsamt", "Veterinäramt", "Freiwillige Feuerwehr", "Bauhof"];

    private static readonly string[] Sentences =
    [
        "Hiermit beantrage ich die {0} für das Grundstück {1}.",
        "Die erforderlichen Unterlagen, insbesondere Lageplan und Nachweise, liegen dem Antrag bei.",
        "Nach Prüfung der eingereichten Unterlagen ergeht folgender Bescheid zur {0}.",
        "Die Gebühr wird auf {2} Euro festgesetzt und ist innerhalb eines Monats nach Bekanntgabe zu zahlen.",
        "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.",
        "Der Widerspruch ist schriftlich oder zur Niederschrift bei der Gemeindeverwaltung einzulegen.",
        "Wir bitten um Stellungnahme bis zum {3}, damit die Frist eingehalten werden kann.",
        "Aus Sicht des {4} bestehen gegen das Vorhaben keine Bedenken, sofern die Auflagen eingehalten werden.",
        "Bei der Ortsbesichtigung am {3} wurden keine Mängel festgestellt.",
        "Die Nachbarn wurden beteiligt; Einwendungen gegen die {0} sind nicht eingegangen.",
        "Für Rückfragen steht Ihnen die Sachbearbeitung im Rathaus montags bis freitags zur Verfügung.",
        "Die Zahlung ist unter Angabe des Aktenzeichens auf das Konto der Gemeindekasse zu überweisen.",
        "Die Anmeldung erfolgte fristgerecht; eine Bestätigung wird Ihnen gesondert zugesandt.",
        "Die Straßensperrung in der {1} ist mit dem Ordnungsamt und der Polizei abgestimmt.",
        "Der Gemeinderat hat in seiner Sitzung vom {3} über die {0} beraten und zugestimmt.",
        "Die Unterlagen sind unvollständig; es fehlen noch die Bauzeichnungen und die Statik.",
        "Der Hund ist ab dem {3} steuerpflichtig; die Hundemarke wird mit dem Bescheid übersandt.",
        "Die Veranstaltung findet auf dem Marktplatz statt; Lärmschutzauflagen sind zu beachten.",
        "Die Erlaubnis wird widerruflich und befristet bis zum {3} erteilt.",
        "Die personenbezogenen Daten werden nach den Vorschriften der DSGVO verarbeitet.",
        "Das Landratsamt wurde als Aufsichtsbehörde über den Vorgang unterrichtet.",
        "Die Feuerwehrzufahrt muss jederzeit freigehalten werden; Halteverbotsschilder sind aufzustellen.",
        "Der Zuschuss wird in Höhe von {2} Euro bewilligt und nach Vorlage des Verwendungsnachweises ausgezahlt.",
        "Eine Befreiung von der Steuer kann auf Antrag gewährt werden, wenn die Voraussetzungen vorliegen.",
        "Die Eheschließung soll am {3} im Trauzimmer des Rathauses stattfinden.",
        "Das Fundstück wird sechs Monate im Fundbüro aufbewahrt.",
        "Der Müll wird im Rahmen der Sperrmüllabfuhr am {3} abgeholt.",
        "Bitte teilen Sie uns Änderungen Ihrer Anschrift umgehend mit.",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The next document.</summary>
    public GeneratedDocument Next()
    {
        var subject = Pick(Subjects);
        var type = Pick(Types);
        var person = Pick(FirstNames) + " " + Pick(LastNames);
        var address = Pick(Streets) + " " + _random.Next(1, 120).ToString(CultureInfo.InvariantCulture);
        var date = new DateOnly(2015, 1, 1).AddDays(_random.Next(0, 12 * 365));
        var incoming = type is "Antrag" or "Anzeige" or "Widerspruch" or "Stellungnahme";
        var text = new StringBuilder(2300);
        text.Append(incoming ? $"Absender: {person}, {address}, 99999 Musterstadt\n" : $"An {person}, {address}, 99999 Musterstadt\n");
        text.Append("Betreff: ").Append(subject).Append(' ').Append(type).Append('\n');
        while (text.Length < 2000)
        {
            var sentence = string.Format(CultureInfo.InvariantCulture, Pick(Sentences),
                subject,
                address,
                (_random.Next(10, 5000) / 5 * 5).ToString(CultureInfo.InvariantCulture),
                date.AddDays(_random.Next(1, 90)).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                Pick(Offices));
            text.Append(sentence).Append(' ');
        }

        text.Append("\nMit freundlichen Grüßen\n").Append(incoming ? person : "Ihre Gemeindeverwaltung, " + Pick(Offices));
        var title = type + " " + subject + (_random.Next(3) == 0 ? " " + person : "");
        return new GeneratedDocument(title, type, date, incoming ? person : Pick(Offices), incoming ? Pick(Offices) : person, text.ToString());
    }

    /// <summary>Queries of <paramref name="words"/> words drawn from the same vocabulary (deterministic).</summary>
    public static IReadOnlyList<string> Queries(int words, int count, int seed = 7)
    {
        var random = new Random(seed + words);
        string[][] pools = [Subjects, Types, LastNames, Streets, ["Gebühr", "Frist", "Widerspruch", "Hund", "Straße", "Steuer", "Anmeldung", "Genehmigung", "Unterlagen", "Rathaus", "Feuerwehr", "Marktplatz", "Zuschuss", "Lärm"]];
        var queries = new List<string>();
        for (var i = 0; i < count; i++)
        {
            queries.Add(string.Join(' ', Enumerable.Range(0, words).Select(w => { var pool = pools[random.Next(pools.Length)]; return pool[random.Next(pool.Length)]; })));
        }

        return queries;
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
