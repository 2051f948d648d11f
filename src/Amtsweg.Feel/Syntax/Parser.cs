using System.Runtime.CompilerServices;
using System.Text;

namespace Amtsweg.Feel;

/// <summary>
/// Recursive-descent parser for FEEL expressions, unary tests and types. Names with spaces or operator characters
/// are resolved against the names known in scope (options, built-ins, and names the expression itself declares);
/// an unknown run of plain words is taken as one name.
/// </summary>
internal sealed class Parser
{
    private static readonly Lazy<NameTable> BuiltinNames = new(static () =>
    {
        var table = new NameTable();
        foreach (var name in Builtins.All.Keys)
        {
            table.Add(Split(name)!, name);
        }

        return table;
    });

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly FeelParseOptions _options;
    private readonly NameTable _known = new();
    private int _pos;
    private int _depth;
    private bool _usesInput;
    private int _rangeEnd;
    private int _partialReferences;

    public Parser(string text, FeelParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > options.MaxLength)
        {
            throw new FeelSyntaxException(new FeelMessage("feel.too-long", $"Expression is too long ({text.Length} characters, at most {options.MaxLength}).", $"Der Ausdruck ist zu lang ({text.Length} Zeichen, höchstens {options.MaxLength})."), 1, 1);
        }

        _text = text;
        _options = options;
        _tokens = Lexer.Tokenize(text);
        foreach (var name in options.KnownNames)
        {
            AddKnownName(name);
        }
    }

    private Token Current => _tokens[_pos];

    public Node ParseExpressionToEnd()
    {
        var node = ParseExpression();
        ExpectEnd();
        return node;
    }

    public UnaryTest ParseUnaryTestsToEnd()
    {
        if (Current.Is("-") && Peek(1).Kind == TokenKind.End)
        {
            _pos++;
            return new AnyTest();
        }

        if (Current.IsWord("not") && Peek(1).Is("("))
        {
            var start = _pos;
            _pos += 2;
            var tests = ParsePositiveUnaryTests(")");
            Expect(")");
            if (Current.Kind == TokenKind.End)
            {
                return new NotTest(tests);
            }

            // Not a negation of tests after all, e.g. "not(x) = true": parse as an expression test.
            _pos = start;
        }

        var list = ParsePositiveUnaryTests(null);
        ExpectEnd();
        return list.Count == 1 ? list[0] : new DisjunctionTest(list);
    }

    public FeelType ParseTypeToEnd()
    {
        var type = ParseType();
        ExpectEnd();
        return type;
    }

    private List<UnaryTest> ParsePositiveUnaryTests(string? closing)
    {
        var tests = new List<UnaryTest> { ParsePositiveUnaryTest(false) };
        while (Current.Is(","))
        {
            _pos++;
            tests.Add(ParsePositiveUnaryTest(false));
        }

        if (closing is not null && !Current.Is(closing))
        {
            throw Error(Current, new FeelMessage("feel.expected-comma-or", $"Expected ',' or '{closing}'", $"',' oder '{closing}' erwartet"));
        }

        return tests;
    }

    /// <summary>A positive unary test; inside <c>in</c> the expression binds tighter than <c>and</c>/<c>or</c>.</summary>
    private UnaryTest ParsePositiveUnaryTest(bool operand)
    {
        var op = Current.Kind == TokenKind.Punct ? Current.Text switch
        {
            "<" => BinaryOperator.Less,
            "<=" => BinaryOperator.LessOrEqual,
            ">" => BinaryOperator.Greater,
            ">=" => BinaryOperator.GreaterOrEqual,
            "=" => BinaryOperator.Equal,
            "!=" => BinaryOperator.NotEqual,
            _ => (BinaryOperator?)null,
        } : null;
        if (op is { } o)
        {
            _pos++;
            return new ComparisonTest(o, ParseAdditive());
        }

        var outer = _usesInput;
        _usesInput = false;
        var expression = operand ? ParseAdditive() : ParseExpression();
        var test = new ExpressionTest(expression, _usesInput);
        _usesInput = outer;
        return test;
    }

    private Node ParseExpression()
    {
        Enter();
        try
        {
            var t = Current;

            // A known name may begin with a keyword ("for each item", "some value"); the name wins.
            if (t.Kind == TokenKind.Name && !IsMultiWordKnownNameHere())
            {
                switch (t.Text)
                {
                    case "if":
                        return ParseIf();
                    case "for" when Peek(1).Kind == TokenKind.Name:
                        return ParseFor();
                    case "some" or "every" when Peek(1).Kind == TokenKind.Name:
                        return ParseQuantified();
                    case "function" when Peek(1).Is("("):
                        return ParseFunctionDefinition();
                }
            }

            return ParseDisjunction();
        }
        finally
        {
            _depth--;
        }
    }

    private Node ParseIf()
    {
        _pos++;
        var condition = ParseExpression();
        ExpectWord("then");
        var then = ParseExpression();
        ExpectWord("else");
        var otherwise = ParseExpression();
        return new IfNode(condition, then, otherwise);
    }

    private Node ParseFor()
    {
        _pos++;
        var iterations = ParseIterations();
        ExpectWord("return");
        var partialBefore = _partialReferences;
        var body = ParseExpression();
        return new ForNode(iterations, body, _partialReferences > partialBefore);
    }

    private Node ParseQuantified()
    {
        var every = Current.Text == "every";
        _pos++;
        var iterations = ParseIterations();
        ExpectWord("satisfies");
        var condition = ParseExpression();
        return new QuantifiedNode(every, iterations, condition);
    }

    private List<Iteration> ParseIterations()
    {
        var iterations = new List<Iteration>();
        do
        {
            if (iterations.Count > 0)
            {
                _pos++;
            }

            var name = ReadDeclaredName(static t => t.IsWord("in"), "iteration variable");
            ExpectWord("in");
            var domain = ParseExpression();
            Node? end = null;
            if (Current.Is(".."))
            {
                _pos++;
                end = ParseExpression();
            }

            iterations.Add(new Iteration(name, domain, end));
        }
        while (Current.Is(","));

        return iterations;
    }

    private Node ParseFunctionDefinition()
    {
        _pos++;
        Expect("(");
        var parameters = new List<FeelParameter>();
        if (!Current.Is(")"))
        {
            do
            {
                if (parameters.Count > 0)
                {
                    _pos++;
                }

                var name = ReadDeclaredName(static t => t.Is(":") || t.Is(",") || t.Is(")"), "parameter name");
                FeelType? type = null;
                if (Current.Is(":"))
                {
                    _pos++;
                    type = ParseType();
                }

                parameters.Add(new FeelParameter(name, type));
            }
            while (Current.Is(","));
        }

        Expect(")");
        if (Current.IsWord("external"))
        {
            throw Error(Current, new FeelMessage("feel.external-function", "External functions are not supported", "Externe Funktionen werden nicht unterstützt"));
        }

        var body = ParseExpression();
        return new FunctionDefinitionNode(parameters, body, null);
    }

    private Node ParseDisjunction()
    {
        var left = ParseConjunction();
        while (Current.IsWord("or"))
        {
            _pos++;
            left = new LogicNode(false, left, ParseConjunction());
        }

        return left;
    }

    private Node ParseConjunction()
    {
        var left = ParseComparison();
        while (Current.IsWord("and"))
        {
            _pos++;
            left = new LogicNode(true, left, ParseComparison());
        }

        return left;
    }

    private Node ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.Punct && t.Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
            {
                _pos++;
                var op = t.Text switch
                {
                    "=" => BinaryOperator.Equal,
                    "!=" => BinaryOperator.NotEqual,
                    "<" => BinaryOperator.Less,
                    "<=" => BinaryOperator.LessOrEqual,
                    ">" => BinaryOperator.Greater,
                    _ => BinaryOperator.GreaterOrEqual,
                };
                left = new BinaryNode(op, left, ParseAdditive());
            }
            else if (t.IsWord("between"))
            {
                _pos++;
                var low = ParseAdditive();
                ExpectWord("and");
                left = new BetweenNode(left, low, ParseAdditive());
            }
            else if (t.IsWord("in"))
            {
                _pos++;
                left = new InNode(left, ParseInTarget());
            }
            else if (t.IsWord("instance") && Peek(1).IsWord("of"))
            {
                _pos += 2;
                left = new InstanceOfNode(left, ParseType());
            }
            else
            {
                return left;
            }
        }
    }

    private UnaryTest ParseInTarget()
    {
        if (!Current.Is("("))
        {
            return ParsePositiveUnaryTest(true);
        }

        var start = _pos;
        try
        {
            var single = ParsePositiveUnaryTest(true);
            if (!Current.Is(","))
            {
                return single;
            }
        }
        catch (FeelSyntaxException)
        {
            // Not a single parenthesised test: try "(test, test, ...)" below.
        }

        _pos = start + 1;
        var tests = new List<UnaryTest> { ParsePositiveUnaryTest(false) };
        while (Current.Is(","))
        {
            _pos++;
            tests.Add(ParsePositiveUnaryTest(false));
        }

        Expect(")");
        return new DisjunctionTest(tests);
    }

    private Node ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Current.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract;
            _pos++;
            left = new BinaryNode(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Node ParseMultiplicative()
    {
        var left = ParsePower();
        while (Current.Is("*") || Current.Is("/"))
        {
            var op = Current.Text == "*" ? BinaryOperator.Multiply : BinaryOperator.Divide;
            _pos++;
            left = new BinaryNode(op, left, ParsePower());
        }

        return left;
    }

    private Node ParsePower()
    {
        var left = ParseUnary();
        while (Current.Is("**"))
        {
            _pos++;
            left = new BinaryNode(BinaryOperator.Power, left, ParseUnary());
        }

        return left;
    }

    private Node ParseUnary()
    {
        if (!Current.Is("-"))
        {
            return ParsePostfix();
        }

        Enter();
        try
        {
            _pos++;
            var operand = ParseUnary();
            return operand is LiteralNode { Value: FeelNumber n } ? new LiteralNode(n.Negate()) : new NegateNode(operand);
        }
        finally
        {
            _depth--;
        }
    }

    private Node ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Current.Is("."))
            {
                _pos++;
                if (Current.Kind != TokenKind.Name)
                {
                    throw Error(Current, new FeelMessage("feel.expected-name", "Expected a name after '.'", "Nach '.' wird ein Name erwartet"));
                }

                node = new PathNode(node, ReadMemberName());
            }
            else if (Current.Is("["))
            {
                var save = _pos;
                try
                {
                    _pos++;
                    var filter = ParseExpression();
                    Expect("]");
                    node = new FilterNode(node, filter);
                }
                catch (FeelSyntaxException) when (_rangeEnd > 0)
                {
                    // "[1..10[": the bracket closes the range, it does not open a filter.
                    _pos = save;
                    return node;
                }
            }
            else if (Current.Is("("))
            {
                node = ParseInvocation(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Node ParseInvocation(Node callee)
    {
        Expect("(");
        var positional = new List<Node>();
        List<KeyValuePair<string, Node>>? named = null;
        if (!Current.Is(")"))
        {
            var first = true;
            do
            {
                if (!first)
                {
                    _pos++;
                }

                var argumentName = TryReadArgumentName();
                if (first)
                {
                    named = argumentName is null ? null : [];
                }
                else if ((argumentName is null) != (named is null))
                {
                    throw Error(Current, new FeelMessage("feel.mixed-arguments", "Cannot mix named and positional arguments", "Benannte und nicht benannte Argumente dürfen nicht gemischt werden"));
                }

                first = false;
                var nameToken = Current;
                var value = ParseExpression();
                if (named is not null && named.Any(a => a.Key == argumentName))
                {
                    throw Error(nameToken, new FeelMessage("feel.duplicate-argument", $"Argument '{argumentName}' is given twice", $"Das Argument '{argumentName}' ist doppelt angegeben"));
                }

                if (named is not null)
                {
                    named.Add(new(argumentName!, value));
                }
                else
                {
                    positional.Add(value);
                }
            }
            while (Current.Is(","));
        }

        Expect(")");
        return new InvocationNode(callee, positional, named);
    }

    /// <summary>Reads <c>name:</c> at the start of an argument, if there is one.</summary>
    private string? TryReadArgumentName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            return null;
        }

        var i = _pos;
        while (IsNameToken(_tokens[i]))
        {
            i++;
        }

        if (!_tokens[i].Is(":"))
        {
            return null;
        }

        var name = SourceName(_pos, i - 1);
        _pos = i + 1;
        return name;
    }

    private Node ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                return FeelNumber.TryParse(t.Text, out var n) ? new LiteralNode(n) : throw Error(t, new FeelMessage("feel.invalid-number", $"Invalid number '{t.Text}'", $"Ungültige Zahl '{t.Text}'"));
            case TokenKind.String:
                _pos++;
                return new LiteralNode(new FeelString(t.Value!));
            case TokenKind.Name:
                return ParseNamePrimary(t);
            case TokenKind.Punct:
                return t.Text switch
                {
                    "(" => ParseParenthesized(),
                    "[" => ParseBracket(),
                    "]" => ParseRangeFrom(false),
                    "{" => ParseContext(),
                    "@" => ParseTemporalLiteral(),
                    _ => throw Error(t, new FeelMessage("feel.unexpected-token", $"Unexpected '{t.Text}'", $"Unerwartetes '{t.Text}'")),
                };
            case TokenKind.End:
                throw Error(t, new FeelMessage("feel.unexpected-end", "Unexpected end of expression", "Der Ausdruck endet unerwartet"));
            default:
                throw Error(t, new FeelMessage("feel.unexpected-character", $"Unexpected character '{t.Text}'", $"Unerwartetes Zeichen '{t.Text}'"));
        }
    }

    private Node ParseNamePrimary(Token t)
    {
        switch (t.Text)
        {
            case "true":
                _pos++;
                return new LiteralNode(FeelValue.True);
            case "false":
                _pos++;
                return new LiteralNode(FeelValue.False);
            case "null":
                _pos++;
                return new LiteralNode(FeelValue.Null);
            case "if" or "for" or "some" or "every" when !IsMultiWordKnownNameHere():
                return ParseExpression();
            case "function" when Peek(1).Is("("):
                return ParseExpression();
            case "?":
                _pos++;
                _usesInput = true;
                return new NameNode("?");
        }

        if (FeelNames.Keywords.Contains(t.Text) && !_known.StartsWith(t.Text))
        {
            throw Error(t, new FeelMessage("feel.unexpected-keyword", $"Unexpected keyword '{t.Text}'", $"Unerwartetes Schlüsselwort '{t.Text}'"));
        }

        var name = ReadName();
        if (name == "partial")
        {
            _partialReferences++;
        }

        return new NameNode(name, t.Line, t.Column);
    }

    private Node ParseParenthesized()
    {
        _pos++;
        if (Current.Kind == TokenKind.Punct && Current.Text is "<" or "<=" or ">" or ">=" or "=" or "!=")
        {
            // A unary comparison as a range value: (< 10), (>= 5), (= 3), (!= 3).
            var op = Current.Text;
            _pos++;
            var endpoint = ParseAdditive();
            Expect(")");
            return op switch
            {
                "<" => new RangeNode(false, null, endpoint, false),
                "<=" => new RangeNode(false, null, endpoint, true),
                ">" => new RangeNode(false, endpoint, null, false),
                ">=" => new RangeNode(true, endpoint, null, false),
                _ => new RangeNode(true, null, endpoint, true, op),
            };
        }

        var inner = ParseExpression();
        if (Current.Is(".."))
        {
            return ParseRangeRest(false, inner);
        }

        Expect(")");
        return inner;
    }

    private Node ParseBracket()
    {
        _pos++;
        if (Current.Is("]"))
        {
            _pos++;
            return new ListNode([]);
        }

        var first = ParseExpression();
        if (Current.Is(".."))
        {
            return ParseRangeRest(true, first);
        }

        var items = new List<Node> { first };
        while (Current.Is(","))
        {
            _pos++;
            items.Add(ParseExpression());
        }

        Expect("]");
        return new ListNode(items);
    }

    private Node ParseRangeFrom(bool startIncluded)
    {
        _pos++;
        var start = ParseExpression();
        if (!Current.Is(".."))
        {
            throw Error(Current, new FeelMessage("feel.expected-range-dots", "Expected '..' in range", "'..' im Bereich erwartet"));
        }

        return ParseRangeRest(startIncluded, start);
    }

    private Node ParseRangeRest(bool startIncluded, Node start)
    {
        Expect("..");
        _rangeEnd++;
        Node end;
        try
        {
            end = ParseExpression();
        }
        finally
        {
            _rangeEnd--;
        }

        var close = Current;
        bool endIncluded;
        if (close.Is("]"))
        {
            endIncluded = true;
        }
        else if (close.Is(")") || close.Is("["))
        {
            endIncluded = false;
        }
        else
        {
            throw Error(close, new FeelMessage("feel.range-not-closed", "Expected ']', ')' or '[' to close the range", "']', ')' oder '[' zum Schließen des Bereichs erwartet"));
        }

        _pos++;
        return new RangeNode(startIncluded, start, end, endIncluded);
    }

    private Node ParseContext()
    {
        var open = Current;
        _pos++;
        var entries = new List<KeyValuePair<string, Node>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!Current.Is("}"))
        {
            do
            {
                if (entries.Count > 0)
                {
                    _pos++;
                }

                string key;
                var keyToken = Current;
                if (Current.Kind == TokenKind.String)
                {
                    key = Current.Value!;
                    _pos++;
                }
                else
                {
                    key = ReadDeclaredName(static t => t.Is(":"), "context key");
                }

                if (!keys.Add(key))
                {
                    throw Error(keyToken, new FeelMessage("feel.duplicate-context-entry", $"Duplicate context key '{key}'", $"Der Kontextschlüssel '{key}' ist doppelt vorhanden"));
                }

                AddKnownName(key);
                Expect(":");
                entries.Add(new(key, ParseExpression()));
            }
            while (Current.Is(","));
        }

        if (!Current.Is("}"))
        {
            throw Error(Current, Current.Kind == TokenKind.End ? new FeelMessage("feel.context-not-closed", $"Context opened at line {open.Line}, column {open.Column} is not closed: '}}' expected", $"Der Kontext aus Zeile {open.Line}, Spalte {open.Column} ist nicht geschlossen: '}}' fehlt") : new FeelMessage("feel.expected-comma-or", "Expected ',' or '}'", "',' oder '}' erwartet"));
        }

        _pos++;
        return new ContextNode(entries);
    }

    private Node ParseTemporalLiteral()
    {
        var at = Current;
        _pos++;
        if (Current.Kind != TokenKind.String)
        {
            throw Error(Current, new FeelMessage("feel.expected-string", "Expected a string after '@'", "Nach '@' wird ein Text in Anführungszeichen erwartet"));
        }

        var text = Current.Value!;
        _pos++;
        return Builtins.ParseTemporal(text) is { } value
            ? new LiteralNode(value)
            : throw Error(at, new FeelMessage("feel.invalid-temporal-literal", $"'{text}' is not a valid date, time, date and time or duration", $"'{text}' ist kein gültiges Datum, keine gültige Uhrzeit, kein gültiger Zeitpunkt und keine gültige Dauer"));
    }

    private FeelType ParseType()
    {
        Enter();
        try
        {
            var t = Current;
            if (t.Kind != TokenKind.Name)
            {
                throw Error(t, new FeelMessage("feel.expected-type", "Expected a type", "Ein Typ wird erwartet"));
            }

            if (Peek(1).Is("<") && t.Text is "list" or "range" or "context" or "function")
            {
                _pos += 2;
                switch (t.Text)
                {
                    case "list":
                        var item = ParseType();
                        Expect(">");
                        return FeelType.List(item);
                    case "range":
                        var point = ParseType();
                        Expect(">");
                        return FeelType.Range(point);
                    case "context":
                        var entries = new List<KeyValuePair<string, FeelType>>();
                        while (!Current.Is(">"))
                        {
                            if (entries.Count > 0)
                            {
                                Expect(",");
                            }

                            var name = ReadDeclaredName(static tk => tk.Is(":"), "context entry name");
                            Expect(":");
                            entries.Add(new(name, ParseType()));
                        }

                        _pos++;
                        return FeelType.Context(entries);
                    default:
                        var parameters = new List<FeelType>();
                        while (!Current.Is(">"))
                        {
                            if (parameters.Count > 0)
                            {
                                Expect(",");
                            }

                            parameters.Add(ParseType());
                        }

                        _pos++;
                        Expect("->");
                        return FeelType.Function(parameters, ParseType());
                }
            }

            // Built-in names with spaces ("date and time") first, longest match.
            foreach (var (name, type) in FeelType.BuiltIn.OrderByDescending(static b => b.Key.Length))
            {
                var parts = name.Split(' ');
                if (MatchesWords(parts))
                {
                    _pos += parts.Length;
                    return type;
                }
            }

            var start = _pos;
            while (IsNameToken(Current) || (Current.Is(".") && IsNameToken(Peek(1))))
            {
                _pos++;
            }

            var typeName = SourceName(start, _pos - 1);
            return _options.TypeResolver?.Invoke(typeName) ?? throw Error(t, new FeelMessage("feel.unknown-type", $"Unknown type '{typeName}'", $"Unbekannter Typ '{typeName}'"));
        }
        finally
        {
            _depth--;
        }
    }

    private bool IsMultiWordKnownNameHere() => _known.LongestMatch(Current.Text, MatchesTokens) is { Length: > 1 };

    private bool MatchesWords(string[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Peek(i).IsWord(parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a name in expression position: the longest known name, else a run of non-keyword words.</summary>
    private string ReadName()
    {
        var local = _known.LongestMatch(Current.Text, MatchesTokens);
        var builtin = BuiltinNames.Value.LongestMatch(Current.Text, MatchesTokens);
        var match = local is null ? builtin : builtin is null ? local : builtin.Value.Length > local.Value.Length ? builtin : local;
        if (match is { } found)
        {
            _pos += found.Length;
            return found.Name;
        }

        var start = _pos;
        _pos++;
        while (Current.Kind == TokenKind.Name && !FeelNames.Keywords.Contains(Current.Text) && Current.Text != "?")
        {
            _pos++;
        }

        return SourceName(start, _pos - 1);
    }

    /// <summary>Reads a member name after '.', e.g. <c>time offset</c>.</summary>
    private string ReadMemberName()
    {
        if (_known.LongestMatch(Current.Text, MatchesTokens) is { Length: > 1 } known)
        {
            _pos += known.Length;
            return known.Name;
        }

        var start = _pos;
        _pos++;
        while (Current.Kind == TokenKind.Name && !FeelNames.Keywords.Contains(Current.Text))
        {
            _pos++;
        }

        return SourceName(start, _pos - 1);
    }

    /// <summary>Reads a name being declared (context key, parameter, variable) up to the stop token.</summary>
    private string ReadDeclaredName(Func<Token, bool> stop, string what)
    {
        var start = _pos;
        while (!stop(Current) && Current.Kind != TokenKind.End && IsNameToken(Current))
        {
            _pos++;
        }

        if (_pos == start || _tokens[start].Kind is not TokenKind.Name)
        {
            throw Error(Current, new FeelMessage("feel.expected-name", $"Expected a {what}", $"{GermanWhat(what)} erwartet"));
        }

        var name = SourceName(start, _pos - 1);
        AddKnownName(name);
        return name;
    }

    private static bool IsNameToken(Token t) =>
        t.Kind is TokenKind.Name or TokenKind.Number or TokenKind.Other ||
        (t.Kind == TokenKind.Punct && t.Text is "." or "/" or "-" or "+" or "*");

    private bool MatchesTokens(string[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            if (Peek(i).Kind == TokenKind.End || Peek(i).Kind == TokenKind.String || Peek(i).Text != parts[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The token texts of a name, or null if the name cannot occur unquoted in FEEL text.</summary>
    private static string[]? Split(string name)
    {
        List<Token> tokens;
        try
        {
            tokens = Lexer.Tokenize(name);
        }
        catch (FeelSyntaxException)
        {
            return null;
        }

        var parts = tokens.Where(static t => t.Kind != TokenKind.End).Select(static t => t.Text).ToArray();
        return parts.Length == 0 || tokens.Any(static t => t.Kind == TokenKind.String) ? null : parts;
    }

    private void AddKnownName(string name)
    {
        if (Split(name) is { } parts)
        {
            _known.Add(parts, name);
        }
    }

    /// <summary>The source text of tokens first..last with whitespace runs collapsed to one space.</summary>
    private string SourceName(int first, int last)
    {
        var sb = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            if (i > first && _tokens[i].Start > _tokens[i - 1].End)
            {
                sb.Append(' ');
            }

            sb.Append(_text, _tokens[i].Start, _tokens[i].End - _tokens[i].Start);
        }

        return sb.ToString();
    }

    private Token Peek(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private void Expect(string punct)
    {
        if (!Current.Is(punct))
        {
            throw Error(Current, new FeelMessage("feel.expected-token", $"Expected '{punct}'", $"'{punct}' erwartet"));
        }

        _pos++;
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsWord(word))
        {
            throw Error(Current, new FeelMessage("feel.expected-token", $"Expected '{word}'", $"'{word}' erwartet"));
        }

        _pos++;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Error(Current, new FeelMessage("feel.unexpected-text", "Unexpected text after the end of the expression", "Unerwarteter Text nach dem Ende des Ausdrucks"));
        }
    }

    private void Enter()
    {
        if (++_depth > _options.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(Current, new FeelMessage("feel.nesting-limit", $"Expression is nested too deeply (more than {_options.MaxDepth} levels)", $"Der Ausdruck ist zu tief verschachtelt (mehr als {_options.MaxDepth} Ebenen)"));
        }
    }

    private static FeelSyntaxException Error(Token t, FeelMessage message)
    {
        if (message.English.StartsWith("Unexpected", StringComparison.Ordinal))
        {
            return new FeelSyntaxException(message, t.Line, t.Column);
        }

        var (found, gefunden) = t.Kind switch
        {
            TokenKind.End => ("end of expression", "Ende des Ausdrucks"),
            TokenKind.String => ("string " + t.Text, "Text " + t.Text),
            _ => ("'" + t.Text + "'", "'" + t.Text + "'"),
        };
        return new FeelSyntaxException(message with { English = message.English + ", found " + found, German = message.German + ", gefunden: " + gefunden }, t.Line, t.Column);
    }

    // The names ReadDeclaredName asks for, in German.
    private static string GermanWhat(string what) => what switch
    {
        "iteration variable" => "Name der Laufvariablen",
        "parameter name" => "Name eines Parameters",
        "context key" => "Schlüssel eines Kontexts",
        "context entry name" => "Name eines Kontexteintrags",
        _ => "Name",
    };
}

/// <summary>Names that may span several tokens, indexed by their first token; longer names are tried first.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, List<(string[] Parts, string Name)>> _byFirst = new(StringComparer.Ordinal);

    public void Add(string[] parts, string name)
    {
        if (!_byFirst.TryGetValue(parts[0], out var list))
        {
            list = [];
            _byFirst[parts[0]] = list;
        }

        if (list.Any(e => e.Parts.AsSpan().SequenceEqual(parts)))
        {
            return;
        }

        var at = list.FindIndex(e => e.Parts.Length < parts.Length);
        list.Insert(at < 0 ? list.Count : at, (parts, name));
    }

    public bool StartsWith(string firstToken) => _byFirst.ContainsKey(firstToken);

    public (int Length, string Name)? LongestMatch(string firstToken, Func<string[], bool> matches)
    {
        if (_byFirst.TryGetValue(firstToken, out var list))
        {
            foreach (var (parts, name) in list)
            {
                if (matches(parts))
                {
                    return (parts.Length, name);
                }
            }
        }

        return null;
    }
}
