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
/// <remarks>
/// Sections, which may be nested:
/// <list type="bullet">
/// <item><c>{{#if FEEL}} … {{else}} … {{/if}}</c>: the condition must give true or false; null or any other value is an
/// error, not false, so a misspelt variable never silently drops a paragraph. <c>{{else}}</c> is optional.</item>
/// <item><c>{{#loop FEEL as name}} … {{/loop}}</c>: repeats its text for every item of a list, with the item under
/// <c>name</c>; null or a value that is not a list is an error. An empty list gives no text.</item>
/// </list>
/// A section tag alone on its line takes the whole line with it, so sections do not leave blank lines in a letter.
/// An unclosed, stray or mismatched section is refused when the template is read, with its character position.
/// </remarks>
public sealed class TextTemplate
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private readonly IReadOnlyList<Node> _nodes;

    private TextTemplate(IReadOnlyList<Node> nodes, IReadOnlyList<string> expressions, IReadOnlyList<string> placeholders, IReadOnlyList<string> loopNames)
    {
        _nodes = nodes;
        Expressions = expressions;
        Placeholders = placeholders;
        LoopNames = loopNames;
    }

    /// <summary>The FEEL expressions of the template's placeholders and sections, in the order they appear, each once.</summary>
    public IReadOnlyList<string> Expressions { get; }

    /// <summary>The expressions of the plain placeholders (not of sections), in the order they appear, each once; each must print a value.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The names the loops give their items (<c>{{#loop unterlagen as unterlage}}</c> gives <c>unterlage</c>).</summary>
    public IReadOnlyList<string> LoopNames { get; }

    /// <summary>Reads a template.</summary>
    /// <exception cref="TemplateException">
    /// A <c>{{</c> without <c>}}</c>, an empty placeholder, one that is not FEEL, or a section that is not closed,
    /// closed twice or closed by the wrong tag.
    /// </exception>
    public static TextTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var expressions = new List<string>();
        var placeholders = new List<string>();
        var loopNames = new List<string>();
        var root = new List<Node>();

        // The open sections, innermost last; each collects its nodes into the list on top.
        var open = new Stack<(Section Section, List<Node> Target)>();
        var target = root;
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (start < 0)
            {
                target.Add(new Literal(text[position..]));
                break;
            }

            var close = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException(
                    $"Die Vorlage öffnet bei Zeichen {start + 1} einen Platzhalter „{{{{“, der nicht mit „}}}}“ endet.",
                    $"The template opens a placeholder '{{{{' at character {start + 1} that is not closed with '}}}}'.");
            }

            var source = text[(start + 2)..close].Trim();
            var end = close + 2;
            if (source.Length == 0)
            {
                throw new TemplateException($"Die Vorlage hat bei Zeichen {start + 1} einen leeren Platzhalter.", $"The template has an empty placeholder at character {start + 1}.");
            }

            var isTag = source[0] is '#' or '/' || source == "else";
            var literalEnd = start;
            if (isTag)
            {
                (literalEnd, end) = Standalone(text, position, start, end);
            }

            target.Add(new Literal(text[position..literalEnd]));
            position = end;
            if (!isTag)
            {
                target.Add(new Placeholder(source, Expression(source, source, expressions)));
                if (!placeholders.Contains(source))
                {
                    placeholders.Add(source);
                }

                continue;
            }

            var at = start + 1;
            if (source.StartsWith("#if ", StringComparison.Ordinal) || source == "#if")
            {
                var condition = source[3..].Trim();
                var section = new Condition(source, at, Expression(condition, source, expressions));
                target.Add(section);
                open.Push((section, target));
                target = section.Then;
            }
            else if (source.StartsWith("#loop ", StringComparison.Ordinal) || source == "#loop")
            {
                var definition = source[5..].Trim();
                var separator = definition.LastIndexOf(" as ", StringComparison.Ordinal);
                var name = separator < 0 ? "" : definition[(separator + 4)..].Trim();
                if (separator < 0 || !IsName(name))
                {
                    throw new TemplateException(
                        $"Die Schleife bei Zeichen {at} braucht die Form {{{{#loop Liste as name}}}}, z. B. {{{{#loop unterlagen as unterlage}}}}.",
                        $"The loop at character {at} must read {{{{#loop list as name}}}}, e.g. {{{{#loop unterlagen as unterlage}}}}.");
                }

                var section = new Loop(source, at, Expression(definition[..separator].Trim(), source, expressions), name);
                if (!loopNames.Contains(name))
                {
                    loopNames.Add(name);
                }

                target.Add(section);
                open.Push((section, target));
                target = section.Body;
            }
            else if (source == "else")
            {
                if (open.Count == 0 || open.Peek().Section is not Condition { Else: null } condition)
                {
                    throw new TemplateException(
                        $"Das {{{{else}}}} bei Zeichen {at} steht nicht in einem {{{{#if …}}}} (oder es ist das zweite).",
                        $"The {{{{else}}}} at character {at} is not inside an {{{{#if …}}}} (or it is the second one).");
                }

                condition.Else = [];
                target = condition.Else;
            }
            else if (source is "/if" or "/loop")
            {
                var expected = source == "/if" ? "#if" : "#loop";
                if (open.Count == 0)
                {
                    throw new TemplateException(
                        $"Das {{{{{source}}}}} bei Zeichen {at} schließt keinen offenen Abschnitt.",
                        $"The {{{{{source}}}}} at character {at} closes no open section.");
                }

                var (section, parent) = open.Pop();
                if (section.Keyword != expected)
                {
                    throw new TemplateException(
                        $"Das {{{{{source}}}}} bei Zeichen {at} passt nicht zum {{{{{section.Tag}}}}} bei Zeichen {section.Position}.",
                        $"The {{{{{source}}}}} at character {at} does not match the {{{{{section.Tag}}}}} at character {section.Position}.");
                }

                target = parent;
            }
            else
            {
                throw new TemplateException(
                    $"Die Vorlage kennt den Abschnitt {{{{{source}}}}} bei Zeichen {at} nicht; möglich sind #if, else, /if, #loop und /loop.",
                    $"The template does not know the section {{{{{source}}}}} at character {at}; possible are #if, else, /if, #loop and /loop.");
            }
        }

        if (open.Count > 0)
        {
            var (section, _) = open.Peek();
            var closing = section.Keyword == "#if" ? "{{/if}}" : "{{/loop}}";
            throw new TemplateException(
                $"Der Abschnitt {{{{{section.Tag}}}}} bei Zeichen {section.Position} wird nicht mit {closing} geschlossen.",
                $"The section {{{{{section.Tag}}}}} at character {section.Position} is not closed with {closing}.");
        }

        return new TextTemplate(root, expressions, placeholders, loopNames);
    }

    /// <summary>Fills the placeholders with their values in <paramref name="scope"/>.</summary>
    /// <exception cref="TemplateException">
    /// A placeholder has no value (null or empty text), or a value that is not text (a context, a function); a condition
    /// is not true or false; a loop is not over a list.
    /// </exception>
    public string Render(FeelScope scope, FeelEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var text = new StringBuilder();
        Render(_nodes, scope, options, text);
        return text.ToString();
    }

    private static void Render(IReadOnlyList<Node> nodes, FeelScope scope, FeelEvaluationOptions? options, StringBuilder text)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Literal literal:
                    text.Append(literal.Text);
                    break;
                case Placeholder placeholder:
                    text.Append(Value(placeholder, scope, options));
                    break;
                case Condition condition:
                    var result = condition.Expression.Evaluate(scope, options);
                    if (result.Value is not FeelBoolean boolean)
                    {
                        var what = result.Value is FeelNull ? "keinen Wert" : "keinen Wahrheitswert (wahr oder falsch)";
                        var whatEnglish = result.Value is FeelNull ? "no value" : "no boolean (true or false)";
                        throw new TemplateException(
                            $"Die Bedingung {{{{{condition.Tag}}}}} bei Zeichen {condition.Position} ergibt {what}{Why(result, german: true)}.",
                            $"The condition {{{{{condition.Tag}}}}} at character {condition.Position} gives {whatEnglish}{Why(result, german: false)}.");
                    }

                    Render(boolean.Value ? condition.Then : condition.Else ?? [], scope, options, text);
                    break;
                case Loop loop:
                    var items = loop.Expression.Evaluate(scope, options);
                    if (items.Value is not FeelList list)
                    {
                        var what = items.Value is FeelNull ? "keinen Wert" : "keine Liste";
                        var whatEnglish = items.Value is FeelNull ? "no value" : "no list";
                        throw new TemplateException(
                            $"Die Schleife {{{{{loop.Tag}}}}} bei Zeichen {loop.Position} ergibt {what}{Why(items, german: true)}.",
                            $"The loop {{{{{loop.Tag}}}}} at character {loop.Position} gives {whatEnglish}{Why(items, german: false)}.");
                    }

                    foreach (var item in list.Items)
                    {
                        Render(loop.Body, new FeelScope(scope).Set(loop.Name, item), options, text);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown template node {node.GetType().Name}.");
            }
        }
    }

    private static string Value(Placeholder placeholder, FeelScope scope, FeelEvaluationOptions? options)
    {
        var result = placeholder.Expression.Evaluate(scope, options);

        // An empty text is a blank in the letter as much as a missing one: a form's empty field gives "".
        if (result.Value is FeelNull || (result.Value is FeelString blank && string.IsNullOrWhiteSpace(blank.Value)))
        {
            throw new TemplateException(
                $"Der Platzhalter {{{{{placeholder.Source}}}}} hat keinen Wert: Die Variable fehlt oder ist leer{Why(result, german: true)}.",
                $"The placeholder {{{{{placeholder.Source}}}}} has no value: the variable is missing, null or empty{Why(result, german: false)}.");
        }

        return Format(FeelConvert.ToObject(result.Value), placeholder.Source);
    }

    private static string Why(FeelResult result, bool german) => result.Diagnostics.Count == 0
        ? ""
        : " (" + string.Join("; ", result.Diagnostics.Select(d => german ? d.MessageGerman : d.Message)) + ")";

    private static FeelExpression Expression(string source, string tag, List<string> expressions)
    {
        if (source.Length == 0)
        {
            throw new TemplateException($"Der Abschnitt {{{{{tag}}}}} nennt keinen Ausdruck.", $"The section {{{{{tag}}}}} names no expression.");
        }

        if (!FeelParser.TryParseExpression(source, null, out var expression, out var error))
        {
            throw new TemplateException(
                $"Der Platzhalter {{{{{tag}}}}} ist kein gültiger FEEL-Ausdruck: {error!.ReasonGerman}",
                $"The placeholder {{{{{tag}}}}} is not a valid FEEL expression: {error!.Reason}");
        }

        if (!expressions.Contains(source))
        {
            expressions.Add(source);
        }

        return expression!;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>
    /// Where the text before a section tag ends and the text after it starts: a tag alone on its line (only spaces
    /// around it) takes the line with it, as in Mustache, so that sections written on lines of their own leave no gaps.
    /// </summary>
    private static (int LiteralEnd, int Next) Standalone(string text, int literalStart, int tagStart, int tagEnd)
    {
        var lineStart = tagStart;
        while (lineStart > literalStart && text[lineStart - 1] is ' ' or '\t')
        {
            lineStart--;
        }

        if (lineStart > 0 && text[lineStart - 1] != '\n')
        {
            return (tagStart, tagEnd);
        }

        var lineEnd = tagEnd;
        while (lineEnd < text.Length && text[lineEnd] is ' ' or '\t' or '\r')
        {
            lineEnd++;
        }

        if (lineEnd < text.Length && text[lineEnd] != '\n')
        {
            return (tagStart, tagEnd);
        }

        return (lineStart, Math.Min(lineEnd + 1, text.Length));
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

    private abstract record Node;

    private sealed record Literal(string Text) : Node;

    private sealed record Placeholder(string Source, FeelExpression Expression) : Node;

    private abstract record Section(string Tag, int Position, FeelExpression Expression) : Node
    {
        public string Keyword => Tag.StartsWith("#if", StringComparison.Ordinal) ? "#if" : "#loop";
    }

    private sealed record Condition(string Tag, int Position, FeelExpression Expression) : Section(Tag, Position, Expression)
    {
        public List<Node> Then { get; } = [];

        public List<Node>? Else { get; set; }
    }

    private sealed record Loop(string Tag, int Position, FeelExpression Expression, string Name) : Section(Tag, Position, Expression)
    {
        public List<Node> Body { get; } = [];
    }
}
