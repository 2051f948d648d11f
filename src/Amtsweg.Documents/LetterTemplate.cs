using System.Globalization;
using Amtsweg.Feel;

namespace Amtsweg.Documents;

/// <summary>What a clerk types into a field of a letter template.</summary>
public enum LetterFieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Text of several lines or paragraphs.</summary>
    Paragraph,

    /// <summary>One item per line; the template gets a list of texts.</summary>
    List,

    /// <summary>A calendar day; the template gets a date (printed <c>06.01.2027</c>).</summary>
    Date,
}

/// <summary>A field the clerk fills when writing a letter from a template.</summary>
/// <param name="Key">The variable the template uses, e.g. <c>frist</c>.</param>
/// <param name="Label">The German label on the letter page.</param>
/// <param name="Kind">What is typed.</param>
/// <param name="Required">Whether the letter needs it; an empty optional field is null in the template.</param>
/// <param name="Hint">A German hint under the label, if any.</param>
public sealed record LetterField(string Key, string Label, LetterFieldKind Kind, bool Required, string? Hint);

/// <summary>The text parts of a letter, rendered from a template.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Salutation">The salutation.</param>
/// <param name="Body">The running text (see <see cref="Letter"/> for headings and lists).</param>
/// <param name="Closing">The closing.</param>
public sealed record LetterText(string Subject, string Salutation, string Body, string Closing);

/// <summary>
/// A letter template: a header of <c>Name:</c>, <c>Beschreibung:</c>, <c>Betreff:</c>, <c>Anrede:</c>, <c>Gruß:</c> and
/// <c>Feld: key | Beschriftung | Text, Absatz, Liste oder Datum | Pflicht oder optional | Hinweis</c> lines, then a line
/// <c>---</c> and the body. Subject, salutation and body are <see cref="TextTemplate"/>s, strict as those are.
/// </summary>
public sealed class LetterTemplate
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly string[] Shipped = ["nachforderung", "bescheid"];
    private readonly TextTemplate _subject;
    private readonly TextTemplate _salutation;
    private readonly TextTemplate _body;

    private LetterTemplate(string key, string text, string name, string description, TextTemplate subject, TextTemplate salutation, TextTemplate body, string closing, IReadOnlyList<LetterField> fields)
    {
        Key = key;
        Text = text;
        Name = name;
        Description = description;
        _subject = subject;
        _salutation = salutation;
        _body = body;
        Closing = closing;
        Fields = fields;
    }

    /// <summary>The template's key, e.g. <c>nachforderung</c>.</summary>
    public string Key { get; }

    /// <summary>The text the template was read from.</summary>
    public string Text { get; }

    /// <summary>Whether Amtsweg ships a template with this key (a municipality's own with the same key replaces it).</summary>
    public bool IsShippedKey => Shipped.Contains(Key);

    /// <summary>The German name, e.g. <c>Nachforderung von Unterlagen</c>.</summary>
    public string Name { get; }

    /// <summary>What the template is for, in German.</summary>
    public string Description { get; }

    /// <summary>The closing, e.g. <c>Mit freundlichen Grüßen</c>.</summary>
    public string Closing { get; }

    /// <summary>The fields the clerk fills, in order.</summary>
    public IReadOnlyList<LetterField> Fields { get; }

    /// <summary>
    /// The variables every letter has besides its fields: <c>vorgang</c> (aktenzeichen, betreff), <c>empfaenger</c>
    /// (name), <c>sachbearbeitung</c> (name, telefon, email), <c>gemeinde</c> (name, anschrift) and <c>heute</c>.
    /// A field may not take one of these names.
    /// </summary>
    public static IReadOnlyList<string> ContextNames { get; } = ["vorgang", "empfaenger", "sachbearbeitung", "gemeinde", "heute"];

    /// <summary>The templates shipped with Amtsweg (Nachforderung von Unterlagen, Bescheid).</summary>
    public static IReadOnlyList<LetterTemplate> Defaults { get; } = [.. Shipped.Select(key => Parse(key, Resource(key)))];

    /// <summary>A shipped template by key, or null.</summary>
    public static LetterTemplate? Find(string? key) => Defaults.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    /// <summary>Reads a template.</summary>
    /// <exception cref="TemplateException">A header line is unknown or missing, a field is malformed, or a text part is not a valid template.</exception>
    public static LetterTemplate Parse(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var separator = Array.IndexOf(lines, "---");
        if (separator < 0)
        {
            throw new TemplateException("Der Vorlage fehlt die Zeile „---“ zwischen Kopf und Text.", "The template lacks the line '---' between header and text.");
        }

        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<LetterField>();
        for (var i = 0; i < separator; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? line.Trim() : line[..colon].Trim();
            var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            if (name == "Feld")
            {
                fields.Add(Field(value, i + 1, fields));
            }
            else if (name is "Name" or "Beschreibung" or "Betreff" or "Anrede" or "Gruß" && !header.ContainsKey(name))
            {
                header[name] = value;
            }
            else
            {
                throw new TemplateException(
                    $"Zeile {i + 1} der Vorlage ist unbekannt oder doppelt: „{line.Trim()}“. Möglich sind Name, Beschreibung, Betreff, Anrede, Gruß und Feld.",
                    $"Line {i + 1} of the template is unknown or repeated: '{line.Trim()}'.");
            }
        }

        foreach (var required in new[] { "Name", "Betreff", "Anrede", "Gruß" })
        {
            if (string.IsNullOrWhiteSpace(header.GetValueOrDefault(required)))
            {
                throw new TemplateException($"Der Vorlage fehlt die Kopfzeile „{required}:“.", $"The template lacks the header line '{required}:'.");
            }
        }

        return new LetterTemplate(
            key,
            text,
            header["Name"],
            header.GetValueOrDefault("Beschreibung") ?? "",
            TextTemplate.Parse(header["Betreff"]),
            TextTemplate.Parse(header["Anrede"]),
            TextTemplate.Parse(string.Join("\n", lines[(separator + 1)..])),
            header["Gruß"],
            fields);
    }

    /// <summary>
    /// Whether <paramref name="key"/> can name a template: 2 to 50 lower-case letters, digits and hyphens, starting with a
    /// letter (it is written into a process's task header <c>brief</c>).
    /// </summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: >= 2 and <= 50 } && char.IsAsciiLetterLower(key[0]) && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// Example values for every field, optional ones too, as a preview shows them: the label in brackets for texts,
    /// two items for a list, <paramref name="today"/> for a date.
    /// </summary>
    public Dictionary<string, object?> SampleValues(DateOnly today) => Fields.ToDictionary(
        field => field.Key,
        field => field.Kind switch
        {
            LetterFieldKind.Text or LetterFieldKind.Paragraph => $"[{field.Label}]",
            LetterFieldKind.List => (object?)new List<string> { $"[{field.Label} 1]", $"[{field.Label} 2]" },
            LetterFieldKind.Date => today,
            _ => throw new InvalidOperationException($"Unknown field kind {field.Kind}."),
        },
        StringComparer.Ordinal);

    /// <summary>
    /// Checks that every placeholder and section names only what a letter has: the template's fields, the built-in
    /// variables (<see cref="ContextNames"/> with their entries) and the items of its loops. Each expression is evaluated
    /// once with example values, whichever branch it stands in; an unknown name, or a placeholder that gives no value
    /// (<c>{{vorgang.aktenzeichn}}</c>), is refused with its line.
    /// </summary>
    /// <exception cref="TemplateException">The first placeholder that names something unknown, with its line.</exception>
    public void CheckNames()
    {
        var today = new DateOnly(2026, 1, 2);
        var loops = _subject.LoopNames.Concat(_salutation.LoopNames).Concat(_body.LoopNames).ToHashSet(StringComparer.Ordinal);
        var variables = new Dictionary<string, object?>(SampleValues(today), StringComparer.Ordinal)
        {
            ["vorgang"] = new Dictionary<string, object?> { ["aktenzeichen"] = "000.00/0001", ["betreff"] = "Beispiel" },
            ["empfaenger"] = new Dictionary<string, object?> { ["name"] = "Beispiel" },
            ["sachbearbeitung"] = new Dictionary<string, object?> { ["name"] = "Beispiel", ["telefon"] = "0000", ["email"] = "beispiel@example.org" },
            ["gemeinde"] = new Dictionary<string, object?> { ["name"] = "Beispiel", ["anschrift"] = "Beispiel" },
            ["heute"] = today,
        };
        foreach (var loop in loops)
        {
            variables.TryAdd(loop, "Beispiel");
        }

        var scope = FeelScope.From(variables);
        var lines = Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var part in new[] { _subject, _salutation, _body })
        {
            foreach (var expression in part.Expressions)
            {
                var placeholder = part.Placeholders.Contains(expression);
                var result = FeelParser.ParseExpression(expression, FeelParseOptions.Default).Evaluate(scope);
                var line = Array.FindIndex(lines, l => l.Contains("{{", StringComparison.Ordinal) && l.Contains(expression, StringComparison.Ordinal)) + 1;
                if (result.Diagnostics.FirstOrDefault(d => d.Code == "feel.unknown-name") is { } unknown)
                {
                    var name = unknown.Message.Split('\'') is { Length: >= 3 } quoted ? quoted[1] : expression;
                    throw new TemplateException(
                        $"Zeile {line}: Der Platzhalter {{{{{expression}}}}} nennt „{name}“. Das ist weder ein Feld dieser Vorlage ({Names(Fields.Select(f => f.Key))}) noch eine der festen Angaben ({Names(ContextNames)}).",
                        $"Line {line}: the placeholder {{{{{expression}}}}} names '{name}', which is neither a field of this template nor one of the built-in variables.");
                }

                // A loop's items may be contexts whose entries only the process knows; the letter itself still refuses a gap.
                if (placeholder && result.Value is FeelNull && !loops.Any(loop => expression.Contains(loop, StringComparison.Ordinal)))
                {
                    throw new TemplateException(
                        $"Zeile {line}: Der Platzhalter {{{{{expression}}}}} ergibt keinen Wert. Die festen Angaben sind vorgang.aktenzeichen, vorgang.betreff, empfaenger.name, sachbearbeitung.name, sachbearbeitung.telefon, sachbearbeitung.email, gemeinde.name, gemeinde.anschrift und heute.",
                        $"Line {line}: the placeholder {{{{{expression}}}}} gives no value.");
                }
            }
        }
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "keine";

    /// <summary>
    /// Checks what the clerk typed and converts it for the template: trimmed text, a list of the non-empty lines, a
    /// date. Returns the values by key, and German errors by key for the fields that are missing or not valid.
    /// </summary>
    public (Dictionary<string, object?> Values, Dictionary<string, string> Errors) ReadInputs(IReadOnlyDictionary<string, string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var raw = inputs.GetValueOrDefault(field.Key)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
            if (raw.Length == 0)
            {
                values[field.Key] = null;
                if (field.Required)
                {
                    errors[field.Key] = $"Bitte füllen Sie „{field.Label}“ aus.";
                }

                continue;
            }

            if (raw.Length > 10_000)
            {
                errors[field.Key] = $"„{field.Label}“ ist zu lang (höchstens 10.000 Zeichen).";
                continue;
            }

            switch (field.Kind)
            {
                case LetterFieldKind.Text:
                    values[field.Key] = string.Join(" ", raw.Split('\n', StringSplitOptions.TrimEntries));
                    break;
                case LetterFieldKind.Paragraph:
                    values[field.Key] = raw;
                    break;
                case LetterFieldKind.List:
                    values[field.Key] = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(item => item.TrimStart('-', '–', '•', ' ')).Where(item => item.Length > 0).ToList();
                    break;
                case LetterFieldKind.Date:
                    if (DateOnly.TryParseExact(raw, ["yyyy-MM-dd", "d.M.yyyy"], German, DateTimeStyles.None, out var date))
                    {
                        values[field.Key] = date;
                    }
                    else
                    {
                        errors[field.Key] = $"„{field.Label}“ ist kein gültiges Datum (z. B. 31.12.2026).";
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown field kind {field.Kind}.");
            }
        }

        return (values, errors);
    }

    /// <summary>Renders subject, salutation and body.</summary>
    /// <exception cref="TemplateException">A placeholder has no value, a condition is not a boolean, a loop not a list.</exception>
    public LetterText Render(FeelScope scope, FeelEvaluationOptions? options = null) => new(
        _subject.Render(scope, options).Trim(),
        _salutation.Render(scope, options).Trim(),
        _body.Render(scope, options).Trim(),
        Closing);

    private static LetterField Field(string definition, int line, List<LetterField> fields)
    {
        var parts = definition.Split('|', StringSplitOptions.TrimEntries);
        LetterFieldKind? kind = parts.Length < 4 ? null : parts[2] switch
        {
            "Text" => LetterFieldKind.Text,
            "Absatz" => LetterFieldKind.Paragraph,
            "Liste" => LetterFieldKind.List,
            "Datum" => LetterFieldKind.Date,
            _ => null,
        };
        if (parts.Length is < 4 or > 5 || kind is null || parts[3] is not ("Pflicht" or "optional") || parts[1].Length == 0
            || parts[0].Length == 0 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || !char.IsAsciiLetter(parts[0][0])
            || fields.Any(f => f.Key == parts[0]) || ContextNames.Contains(parts[0]))
        {
            throw new TemplateException(
                $"Das Feld in Zeile {line} der Vorlage muss „Feld: name | Beschriftung | Text, Absatz, Liste oder Datum | Pflicht oder optional | Hinweis“ lauten, mit einem neuen Namen aus Buchstaben und Ziffern.",
                $"The field in line {line} of the template must read 'Feld: name | label | Text, Absatz, Liste or Datum | Pflicht or optional | hint', with a new name of letters and digits.");
        }

        return new LetterField(parts[0], parts[1], kind.Value, parts[3] == "Pflicht", parts.Length == 5 && parts[4].Length > 0 ? parts[4] : null);
    }

    private static string Resource(string key)
    {
        using var stream = typeof(LetterTemplate).Assembly.GetManifestResourceStream($"Amtsweg.Documents.Templates.{key}.txt")
            ?? throw new InvalidOperationException($"The letter template {key} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
