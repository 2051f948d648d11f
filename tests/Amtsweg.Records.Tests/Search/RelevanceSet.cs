using Amtsweg.Records.Model;
using Amtsweg.Records.Search;

namespace Amtsweg.Records.Tests.Search;

/// <summary>A German query on <see cref="SearchCorpus"/> and the documents it must find, no more and no fewer.</summary>
internal sealed record RelevanceCase(string Name, string? Text, string[] Expected, string? Type = null, string? From = null, string? To = null, string? Position = null, RecordState? Status = null)
{
    public SearchRequest ToRequest(SearchCorpus corpus) => new(
        Text,
        From is null ? null : DateOnly.Parse(From, System.Globalization.CultureInfo.InvariantCulture),
        To is null ? null : DateOnly.Parse(To, System.Globalization.CultureInfo.InvariantCulture),
        Type,
        Position is null ? null : corpus.Positions[Position],
        Status,
        Limit: 50);

    public override string ToString() => Name;
}

internal static class RelevanceSet
{
    // D14 asks for the missing papers of a "Bauantrag": since compounds are split, it is an Antrag too.
    private static readonly string[] Antrag = ["D1", "D4", "D5", "D7", "D10", "D14"];
    private static readonly string[] BaeckereiMueller = ["D4", "D5", "D6"];

    public static IReadOnlyList<RelevanceCase> Cases { get; } =
    [
        new("Antrag", "Antrag", Antrag),
        new("Plural mit Umlaut", "Anträge", Antrag),
        new("Dativ Plural", "anträgen", Antrag),
        new("Kompositum exakt", "Baugenehmigung", ["D1", "D3"]),
        new("Kleinschreibung", "baugenehmigung", ["D1", "D3"]),
        new("Absender", "Feuerwehr", ["D2"]),
        new("Genitiv", "Brandschutz", ["D2"]),
        new("Singular zu Plural", "Löschfahrzeug", ["D2"]),
        new("oe statt ö", "Loeschfahrzeuge", ["D2"]),
        new("Garage", "Garage", ["D1", "D3"]),
        new("Garagen", "Garagen", ["D1", "D3"]),
        new("Gründach", "Gründach", ["D3"]),
        new("ue statt ü", "Gruendach", ["D3"]),
        new("Gebühr zu Gebühren", "Gebühr", ["D3", "D19"]),
        new("Gewerbe zu Gewerbes", "Gewerbe", ["D4", "D6", "D18"]),
        new("Gewerbeanmeldung", "Gewerbeanmeldung", ["D4", "D6"]),
        new("Bäckerei", "Bäckerei", BaeckereiMueller),
        new("ae statt ä", "Baeckerei", BaeckereiMueller),
        new("Nachname", "Müller", ["D4", "D5", "D6", "D12"]),
        new("ue im Namen", "Mueller", ["D4", "D5", "D6", "D12"]),
        new("Konditorei", "Konditorei", ["D4"]),
        new("ß", "Außengastronomie", ["D5"]),
        new("ss statt ß", "Aussengastronomie", ["D5"]),
        new("Sonntag zu Sonntagen", "Sonntag", ["D5"]),
        new("Tisch zu Tischen", "Tisch", ["D5"]),
        new("Gewerbesteuer", "Gewerbesteuer", ["D6"]),
        new("Straßenfest", "Straßenfest", ["D7", "D9"]),
        new("strasse statt straße", "Strassenfest", ["D7", "D9"]),
        new("Hauptstraße in beiden Schreibweisen", "Hauptstraße", ["D7", "D8"]),
        new("hauptstrasse klein", "hauptstrasse", ["D7", "D8"]),
        new("Bahnhofstraße", "Bahnhofstraße", ["D8"]),
        new("Umleitung", "Umleitung", ["D8"]),
        new("Halteverbot zu Halteverbote", "Halteverbot", ["D8"]),
        new("Absender und Empfänger", "Heimatverein", ["D7", "D8"]),
        new("Lärm", "Lärm", ["D9"]),
        new("ae in Lärm", "Laerm", ["D9"]),
        new("Beschwerden zu Beschwerde", "Beschwerden", ["D9"]),
        new("Eheschließung", "Eheschließung", ["D10", "D12"]),
        new("ss in Eheschliessung", "Eheschliessung", ["D10", "D12"]),
        new("Verb", "heiraten", ["D10"]),
        new("Heirat", "Heirat", ["D10"]),
        new("Geburtsurkunde zu Geburtsurkunden", "Geburtsurkunde", ["D10", "D11"]),
        new("Personalausweis", "Personalausweis", ["D10"]),
        new("Köln", "Köln", ["D11"]),
        new("oe in Koeln", "Koeln", ["D11"]),
        new("Vorname mit Umlaut", "Jürgen", ["D11"]),
        new("zwei Wörter", "Juergen Schmidt", ["D11"]),
        new("Trauzeuge zu Trauzeugen", "Trauzeuge", ["D12"]),
        new("Standesbeamtin", "Standesbeamtin", ["D12"]),
        new("Kontrolle", "Kontrolle", ["D13"]),
        new("Torte zu Torten", "Torte", ["D13"]),
        new("Mängel", "Mängel", ["D13"]),
        new("ae in Maengel", "Maengel", ["D13"]),
        new("Statik", "Statik", ["D14"]),
        new("Wärmeschutz", "Wärmeschutz", ["D14"]),
        new("Unterlagen", "Unterlagen", ["D14"]),
        new("Dokumentart als Wort", "Bescheid", ["D3", "D6", "D8", "D16", "D17"]),
        new("Empfänger", "Schneider", ["D1", "D3", "D14"]),
        new("alle Wörter müssen vorkommen", "Antrag Bäckerei", ["D4", "D5"]),
        new("Stoppwörter", "der Antrag für die Garage", ["D1"]),
        new("Aktenzeichen", "63.1-0001/2026-1", ["D1", "D2", "D3", "D14"]),
        new("kein Treffer", "Friedhof", []),
        new("Zeitraum", "Antrag", ["D1", "D5", "D7", "D14"], From: "2026-03-01", To: "2026-05-31"),
        new("Aktenplanposition", "Müller", BaeckereiMueller, Position: "32.10"),
        new("übergeordnete Aktenplanposition", "Müller", BaeckereiMueller, Position: "32"),
        new("andere Aktenplanposition", "Müller", [], Position: "63"),
        new("Dokumentart", "Antrag", ["D1", "D4", "D5", "D7", "D10"], Type: "Antrag"),
        new("Dokumentart Bescheid", "Baugenehmigung", ["D3"], Type: "Bescheid"),
        new("Status abgeschlossen", "Schmidt", ["D10", "D11"], Status: RecordState.Closed),
        new("Status offen", "Schmidt", [], Status: RecordState.Open),
        new("nur Filter", null, ["D3", "D6", "D8", "D16"], Type: "Bescheid"),

        // Compound words (ADR 0008): a word finds the compounds it is part of; a compound query finds the compound
        // or all of its parts.
        new("Bestimmungswort", "Hund", ["D15", "D16"]),
        new("Grundwort", "Anmeldung", ["D4", "D6", "D10", "D15"]),
        new("Grundwort Steuer", "Steuer", ["D6", "D15", "D16", "D17"]),
        new("Kompositum in Teilen", "Hundesteuer", ["D15", "D16"]),
        new("Kompositum aus getrennten Wörtern", "Steuerbescheid", ["D6", "D16", "D17"]),
        new("Straße in Komposita", "Straße", ["D7", "D8", "D9", "D18"]),
        new("strasse in Komposita", "strasse", ["D7", "D8", "D9", "D18"]),
        new("Fest, nicht festgesetzt", "Fest", ["D7", "D9"]),
        new("Genehmigung", "Genehmigung", ["D1", "D3"]),
        new("Urkunde zu Geburtsurkunden", "Urkunde", ["D10", "D11"]),
        new("Ausweis", "Ausweis", ["D10", "D19"]),
        new("Parkgebühr", "Parkgebühr", ["D19"]),
        new("Schutz in drei Komposita", "Schutz", ["D2", "D9", "D14"]),
        new("Auflage im dreiteiligen Kompositum", "Auflagen", ["D3", "D9"]),
        new("Lärmschutz", "Lärmschutz", ["D9"]),
        new("Fugen-s", "Betrieb", ["D4", "D18"]),
        new("Grundstück bleibt ganz", "Grund", ["D17"]),
        new("Standesamt", "Standesamt", ["D11"]),
        new("Kompositum und Wort", "Hund Bescheid", ["D16"]),
        new("Kompositum mit Filter", "Steuer", ["D6", "D16"], Type: "Bescheid"),
    ];
}
