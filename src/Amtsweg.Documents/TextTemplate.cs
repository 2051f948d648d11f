using System.Globalization;
using System.Text;
using Amtsweg.Feel;

namespace Amtsweg.Documents;

/// <summary>A template or one of its placeholders is wrong, or a placeholder has no value; messages in German and English.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateException(string messageGerman, string messageEnglish)
        : base(messageGerman) => MessageEnglish = messageEnglish;

    /// <summary>Creates the exception.</summary>
    public TemplateException()
        : this("Die Vorlage ist fehlerhaft.", "The template is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TemplateException(string message)
        : this(message, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TemplateException(string message, Exception innerException)
        : base(message, innerException) => MessageEnglish = message;

    /// <summary>The message in German (also <see cref="Exception.Message"/>).</summary>
    public string MessageGerman => Message;

    /// <summary>The message in English.</summary>
    public string MessageEnglish { get; }
}

/// <summary>
/// A letter text with placeholders <c>{{ FEEL expression }}</c>, e.g. <c>Sehr geehrte(r) {{antragsteller.name}}</c>,
/// evaluated against the variables of a process instance. Strict: a placeholder that does not parse is refused when the
/// template is read, and one whose value is null (an unknown variable, a typo in a path) fails the rendering instead of
/// printing an empty gap into a letter. Values print the German way: <c>1.234,5</c>, <c>31.12.2026</c>, <c>ja</c>/<c>nein</c>.
/// </summary>
public sealed class TextTemplate
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private readonly List<(string Text, string? Source, FeelExpression? Expression)> _parts;

    private TextTemplate(List<(string, string?, FeelExpression?)> parts) => _parts = parts;

    /// <summary>Reads a template.</summary>
    /// <exception cref="TemplateException">A <c>{{</c> without <c>}}</c>, an empty placeholder, or one that is not FEEL.</exception>
    public static TextTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<(string, string?, FeelExpression?)>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[position..], null, null));
                break;
            }

            parts.Add((text[position..open], null, null));
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException(
                    $"Die Vorlage öffnet bei Zeichen {open + 1} einen Platzhalter „{{{{“, der nicht mit „}}}}“ endet.",
                    $"The template opens a placeholder '{{{{' at character {open + 1} that is not closed with '}}}}'.");
            }

            var source = text[(open + 2)..close].Trim();
            if (source.Length == 0)
            {
                throw new TemplateException($"Die Vorlage hat bei Zeichen {open + 1} einen leeren Platzhalter.", $"The template has an empty placeholder at character {open + 1}.");
            }

            if (!FeelParser.TryParseExpression(source, null, out var expression, out var error))
            {
                throw new TemplateException(
                    $"Der Platzhalter {{{{{source}}}}} ist kein gültiger FEEL-Ausdruck: {error!.ReasonGerman}",
                    $"The placeholder {{{{{source}}}}} is not a valid FEEL expression: {error!.Reason}");
            }

            parts.Add((string.Empty, source, expression));
            position = close + 2;
        }

        return new TextTemplate(parts);
    }

    /// <summary>Fills the placeholders with their values in <paramref name="scope"/>.</summary>
    /// <exception cref="TemplateException">A placeholder has no value (null or empty text), or a value that is not text (a context, a function).</exception>
    public string Render(FeelScope scope, FeelEvaluationOptions? options = null)
    {
        var text = new StringBuilder();
        foreach (var (literal, source, expression) in _parts)
        {
            if (expression is null)
            {
                text.Append(literal);
                continue;
            }

            var result = expression.Evaluate(scope, options);

            // An empty text is a blank in the letter as much as a missing one: a form's empty field gives "".
            if (result.Value is FeelNull || (result.Value is FeelString blank && string.IsNullOrWhiteSpace(blank.Value)))
            {
                var why = result.Diagnostics.Count == 0 ? "" : " (" + string.Join("; ", result.Diagnostics.Select(d => d.MessageGerman)) + ")";
                var whyEnglish = result.Diagnostics.Count == 0 ? "" : " (" + string.Join("; ", result.Diagnostics.Select(d => d.Message)) + ")";
                throw new TemplateException(
                    $"Der Platzhalter {{{{{source}}}}} hat keinen Wert: Die Variable fehlt oder ist leer{why}.",
                    $"The placeholder {{{{{source}}}}} has no value: the variable is missing, null or empty{whyEnglish}.");
            }

            text.Append(Format(FeelConvert.ToObject(result.Value), source!));
        }

        return text.ToString();
    }

    /// <summary>A value as a German reader expects it.</summary>
    public static string Format(object? value) => Format(value, null);

    private static string Format(object? value, string? source) => value switch
    {
        null => "–",
        string s => s,
        bool b => b ? "ja" : "nein",
        decimal d => d.ToString("#,##0.##########", German),
        double d => d.ToString("#,##0.##########", German),
        DateOnly d => d.ToString("dd.MM.yyyy", German),
        DateTime d => d.ToString("dd.MM.yyyy HH:mm", German),
        DateTimeOffset d => d.ToString("dd.MM.yyyy HH:mm", German),
        TimeOnly t => t.ToString("HH:mm", German),
        IDictionary<string, object?> when source is not null => throw new TemplateException(
            $"Der Platzhalter {{{{{source}}}}} ergibt einen Kontext; wählen Sie ein Feld daraus, z. B. {{{{{source}.name}}}}.",
            $"The placeholder {{{{{source}}}}} gives a context; choose one of its entries, e.g. {{{{{source}.name}}}}."),
        IDictionary<string, object?> context => string.Join(", ", context.Select(entry => $"{entry.Key}: {Format(entry.Value, null)}")),
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(item => Format(item, source))),
        _ => Convert.ToString(value, German) ?? "",
    };
}
