using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Feel;

namespace Amtsweg.Forms.Schema;

/// <summary>
/// Reads form-js schemas (the JSON of the bpmn.io form editor). Every FEEL expression and pattern is parsed here, so a
/// schema that reads without error can be rendered and validated; any problem is a <see cref="FormSchemaException"/>
/// with a German message naming the component.
/// </summary>
public static class FormSchemaReader
{
    /// <summary>Most components one form may have; far above any real form, it bounds the work for hostile input.</summary>
    public const int MaxComponents = 2_000;

    /// <summary>Deepest nesting of groups and dynamic lists.</summary>
    public const int MaxNesting = 16;

    private static readonly Dictionary<string, FormComponentType> Types = new(StringComparer.Ordinal)
    {
        ["textfield"] = FormComponentType.TextField,
        ["textarea"] = FormComponentType.TextArea,
        ["number"] = FormComponentType.Number,
        ["datetime"] = FormComponentType.DateTime,
        ["checkbox"] = FormComponentType.Checkbox,
        ["checklist"] = FormComponentType.Checklist,
        ["radio"] = FormComponentType.Radio,
        ["select"] = FormComponentType.Select,
        ["taglist"] = FormComponentType.Taglist,
        ["filepicker"] = FormComponentType.FilePicker,
        ["expression"] = FormComponentType.Expression,
        ["group"] = FormComponentType.Group,
        ["dynamiclist"] = FormComponentType.DynamicList,
        ["text"] = FormComponentType.Text,
        ["html"] = FormComponentType.Html,
        ["table"] = FormComponentType.Table,
        ["image"] = FormComponentType.Image,
        ["iframe"] = FormComponentType.IFrame,
        ["separator"] = FormComponentType.Separator,
        ["spacer"] = FormComponentType.Spacer,
        ["button"] = FormComponentType.Button,
    };

    private static readonly Regex KeySyntax = new(@"^[\p{L}_$][\p{L}\p{N}_$-]*(\.[\p{L}_$][\p{L}\p{N}_$-]*)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Reads a schema from JSON text.</summary>
    /// <exception cref="FormSchemaException">The text is not a usable form-js schema.</exception>
    public static FormSchema Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (Zeile {line + 1}, Spalte {e.BytePositionInLine + 1})" : string.Empty;
            throw new FormSchemaException($"Das Formular ist kein gültiges JSON{where}.", e);
        }

        if (root is not JsonObject form)
        {
            throw new FormSchemaException("Das Formular muss ein JSON-Objekt mit der Eigenschaft \"components\" sein.");
        }

        if (form["components"] is not JsonArray components)
        {
            throw new FormSchemaException("Dem Formular fehlt die Liste \"components\" mit seinen Feldern.");
        }

        var state = new ReadState();
        var list = ReadList(components, state, 0, "Formular");
        CheckDuplicateBindings(list, "Formular");
        return new FormSchema(form["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null, list);
    }

    private sealed class ReadState
    {
        public int Count { get; set; }
    }

    private static List<FormComponent> ReadList(JsonArray array, ReadState state, int depth, string owner)
    {
        if (depth > MaxNesting)
        {
            throw new FormSchemaException($"{owner}: Gruppen und Listen sind tiefer als {MaxNesting} Ebenen verschachtelt.");
        }

        var result = new List<FormComponent>(array.Count);
        foreach (var item in array)
        {
            state.Count++;
            if (state.Count > MaxComponents)
            {
                throw new FormSchemaException($"Das Formular hat mehr als {MaxComponents} Komponenten.");
            }

            result.Add(ReadComponentNamed(item, state, depth));
        }

        return result;
    }

    // The form-js editor marks a problem at its component: the innermost component's id goes with the exception (a
    // problem inside a group is the problem of the field in it, not of the group).
    private static FormComponent ReadComponentNamed(JsonNode? node, ReadState state, int depth)
    {
        try
        {
            return ReadComponent(node, state, depth);
        }
        catch (FormSchemaException e) when (e.ComponentId is null && node is JsonObject obj && obj["id"] is JsonValue id && id.TryGetValue<string>(out var text))
        {
            throw new FormSchemaException(e.Message, e) { ComponentId = text };
        }
    }

    private static FormComponent ReadComponent(JsonNode? node, ReadState state, int depth)
    {
        var number = state.Count;
        if (node is not JsonObject obj)
        {
            throw new FormSchemaException($"Komponente Nr. {number}: Eine Komponente muss ein JSON-Objekt sein.");
        }

        var typeName = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        var name = Describe(number, typeName, obj);
        if (typeName is null)
        {
            throw new FormSchemaException($"{name}: Die Angabe \"type\" fehlt.");
        }

        if (!Types.TryGetValue(typeName, out var type))
        {
            throw new FormSchemaException($"{name}: Den Komponententyp '{typeName}' kennt Amtsweg nicht.");
        }

        var reader = new PropertyReader(obj, name);
        var isInput = type is FormComponentType.TextField or FormComponentType.TextArea or FormComponentType.Number
            or FormComponentType.DateTime or FormComponentType.Checkbox or FormComponentType.Checklist or FormComponentType.Radio
            or FormComponentType.Select or FormComponentType.Taglist or FormComponentType.FilePicker or FormComponentType.Expression;
        var key = reader.String("key");
        if (isInput)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new FormSchemaException($"{name}: Die Angabe \"key\" (wo der Wert gespeichert wird) fehlt.");
            }

            CheckBinding(key, "key", name);
        }

        var path = reader.String("path");
        if (type == FormComponentType.DynamicList && string.IsNullOrWhiteSpace(path))
        {
            throw new FormSchemaException($"{name}: Einer dynamischen Liste fehlt die Angabe \"path\" (wo die Einträge gespeichert werden).");
        }

        if (!string.IsNullOrEmpty(path))
        {
            CheckBinding(path, "path", name);
        }

        var (readonlyConstant, readonlyExpression) = reader.Flag("readonly");
        var conditional = reader.Object("conditional");
        var hide = conditional is null ? null : new PropertyReader(conditional, name).Expression("hide", "conditional.hide", requireEquals: false);
        var appearance = reader.Object("appearance");
        var appearanceReader = appearance is null ? null : new PropertyReader(appearance, name);
        var subtype = reader.String("subtype") ?? "date";
        if (type == FormComponentType.DateTime && subtype is not ("date" or "time" or "datetime"))
        {
            throw new FormSchemaException($"{name}: Der Untertyp '{subtype}' ist unbekannt (erlaubt: date, time, datetime).");
        }

        var timeFormat = reader.String("timeSerializingFormat") ?? "utc_offset";
        if (type == FormComponentType.DateTime && timeFormat is not ("utc_offset" or "utc_normalized" or "no_timezone"))
        {
            throw new FormSchemaException($"{name}: Das Zeitformat '{timeFormat}' ist unbekannt (erlaubt: utc_offset, utc_normalized, no_timezone).");
        }

        var action = reader.String("action") ?? "submit";
        if (type == FormComponentType.Button && action is not ("submit" or "reset"))
        {
            throw new FormSchemaException($"{name}: Die Schaltflächen-Aktion '{action}' ist unbekannt (erlaubt: submit, reset).");
        }

        var children = type is FormComponentType.Group or FormComponentType.DynamicList && obj["components"] is JsonArray array
            ? ReadList(array, state, depth + 1, name)
            : [];
        if (type is FormComponentType.Group or FormComponentType.DynamicList)
        {
            CheckDuplicateBindings(children, name);
        }

        var values = reader.Options();
        var valuesKey = reader.String("valuesKey");
        var valuesExpression = reader.Expression("valuesExpression", "valuesExpression", requireEquals: true);
        if (type is FormComponentType.Radio or FormComponentType.Select or FormComponentType.Checklist or FormComponentType.Taglist
            && values.Count == 0 && valuesKey is null && valuesExpression is null && obj["values"] is null)
        {
            throw new FormSchemaException($"{name}: Es fehlen die Auswahlmöglichkeiten (\"values\", \"valuesKey\" oder \"valuesExpression\").");
        }

        var expression = reader.Expression("expression", "expression", requireEquals: false);
        if (type == FormComponentType.Expression && expression is null)
        {
            throw new FormSchemaException($"{name}: Einem berechneten Feld fehlt die Angabe \"expression\".");
        }

        return new FormComponent(type, typeName, number)
        {
            Id = reader.String("id"),
            Key = isInput ? key : null,
            Path = string.IsNullOrEmpty(path) ? null : path,
            Label = reader.String("label"),
            Description = reader.String("description"),
            DefaultValue = obj["defaultValue"]?.DeepClone(),
            ReadonlyConstant = readonlyConstant,
            ReadonlyExpression = readonlyExpression,
            Disabled = reader.Bool("disabled"),
            Hide = hide,
            Rules = reader.Rules(),
            Values = values,
            ValuesKey = valuesKey,
            ValuesExpression = valuesExpression,
            Prefix = appearanceReader?.String("prefixAdorner"),
            Suffix = appearanceReader?.String("suffixAdorner"),
            Components = children,
            IsRepeating = reader.Bool("isRepeating"),
            AllowAddRemove = reader.Bool("allowAddRemove"),
            DefaultRepetitions = reader.Int("defaultRepetitions", 0, 100) ?? 1,
            Subtype = subtype,
            DateLabel = reader.String("dateLabel"),
            TimeLabel = reader.String("timeLabel"),
            TimeSerializingFormat = timeFormat,
            TimeInterval = reader.Int("timeInterval", 1, 60) ?? 15,
            DisallowPassedDates = reader.Bool("disallowPassedDates"),
            DecimalDigits = reader.Int("decimalDigits", 0, 30),
            SerializeToString = reader.Bool("serializeToString"),
            Text = reader.String("text"),
            Content = reader.String("content"),
            Expression = expression,
            Source = reader.String("source"),
            Alt = reader.String("alt"),
            Url = reader.String("url"),
            Height = reader.Int("height", 0, 10_000),
            Action = action,
            Accept = reader.String("accept"),
            Multiple = reader.Bool("multiple"),
            Columns = reader.Columns(),
            ColumnsExpression = reader.Expression("columnsExpression", "columnsExpression", requireEquals: true),
            DataSource = reader.String("dataSource"),
        };
    }

    private static string Describe(int number, string? typeName, JsonObject obj)
    {
        var parts = new List<string>();
        if (typeName is not null)
        {
            parts.Add($"Typ '{typeName}'");
        }

        if (obj["label"] is JsonValue l && l.TryGetValue<string>(out var label) && !string.IsNullOrWhiteSpace(label))
        {
            parts.Add($"Beschriftung '{label}'");
        }
        else if (obj["key"] is JsonValue k && k.TryGetValue<string>(out var key) && !string.IsNullOrWhiteSpace(key))
        {
            parts.Add($"Schlüssel '{key}'");
        }

        return parts.Count == 0 ? $"Komponente Nr. {number}" : $"Komponente Nr. {number} ({string.Join(", ", parts)})";
    }

    private static void CheckBinding(string binding, string property, string name)
    {
        if (binding.Length > 200 || !KeySyntax.IsMatch(binding))
        {
            throw new FormSchemaException($"{name}: \"{property}\" '{binding}' ist kein gültiger Name (Buchstaben, Ziffern, _ und -, Ebenen durch Punkte getrennt).");
        }
    }

    // Two fields that write the same place would overwrite each other's value; form-js refuses such schemas too.
    private static void CheckDuplicateBindings(IReadOnlyList<FormComponent> components, string owner)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in Bindings(components))
        {
            if (!seen.Add(binding))
            {
                throw new FormSchemaException($"{owner}: Der Schlüssel '{binding}' wird von mehreren Feldern verwendet.");
            }
        }
    }

    private static IEnumerable<string> Bindings(IReadOnlyList<FormComponent> components)
    {
        foreach (var component in components)
        {
            if (component.Key is not null)
            {
                yield return component.Key;
            }
            else if (component.Type == FormComponentType.DynamicList)
            {
                yield return component.Path!;
            }
            else if (component.Type == FormComponentType.Group)
            {
                foreach (var inner in Bindings(component.Components))
                {
                    yield return component.Path is null ? inner : component.Path + "." + inner;
                }
            }
        }
    }

    private sealed class PropertyReader(JsonObject obj, string name)
    {
        public string? String(string property) => obj[property] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => throw Wrong(property, "ein Text"),
        };

        public bool Bool(string property) => obj[property] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw Wrong(property, "wahr oder falsch"),
        };

        public int? Int(string property, int min, int max)
        {
            if (obj[property] is null)
            {
                return null;
            }

            if (obj[property] is JsonValue v && v.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d) && d >= min && d <= max)
            {
                return (int)d;
            }

            throw Wrong(property, $"eine ganze Zahl von {min} bis {max}");
        }

        public JsonObject? Object(string property) => obj[property] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw Wrong(property, "ein Objekt"),
        };

        public (bool Constant, FormExpression? Expression) Flag(string property) => obj[property] switch
        {
            null => (false, null),
            JsonValue v when v.TryGetValue<bool>(out var b) => (b, null),
            JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith('=') => (false, Parse(s[1..], property)),
            _ => throw Wrong(property, "wahr, falsch oder ein FEEL-Ausdruck mit '=' am Anfang"),
        };

        public FormExpression? Expression(string property, string shownAs, bool requireEquals)
        {
            var text = obj[property] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                _ => throw Wrong(shownAs, "ein FEEL-Ausdruck"),
            };
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (text.StartsWith('='))
            {
                return Parse(text[1..], shownAs);
            }

            return requireEquals ? throw Wrong(shownAs, "ein FEEL-Ausdruck mit '=' am Anfang") : Parse(text, shownAs);
        }

        public FormRules Rules()
        {
            if (Object("validate") is not { } validate)
            {
                return FormRules.None;
            }

            var rules = new PropertyReader(validate, name);
            var pattern = rules.String("pattern");
            if (!string.IsNullOrEmpty(pattern))
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    throw new FormSchemaException($"{name}: Das Muster (validate.pattern) '{pattern}' ist kein gültiger regulärer Ausdruck.", e);
                }
            }

            var validationType = rules.String("validationType");
            if (validationType is "" or "custom")
            {
                validationType = null;
            }

            if (validationType is not (null or "email" or "phone"))
            {
                throw new FormSchemaException($"{name}: Die Prüfart '{validationType}' ist unbekannt (erlaubt: email, phone).");
            }

            return new FormRules
            {
                Required = rules.Bool("required"),
                Min = rules.Decimal("min"),
                Max = rules.Decimal("max"),
                MinLength = rules.Int("minLength", 0, int.MaxValue),
                MaxLength = rules.Int("maxLength", 0, int.MaxValue),
                Pattern = string.IsNullOrEmpty(pattern) ? null : pattern,
                ValidationType = validationType,
            };
        }

        public IReadOnlyList<FormOption> Options()
        {
            if (obj["values"] is null)
            {
                return [];
            }

            if (obj["values"] is not JsonArray array)
            {
                throw Wrong("values", "eine Liste von Auswahlmöglichkeiten");
            }

            var options = new List<FormOption>(array.Count);
            foreach (var item in array)
            {
                if (item is not JsonObject option || option["value"] is not JsonValue value || value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    throw new FormSchemaException($"{name}: Jede Auswahlmöglichkeit braucht \"label\" und einen Wert \"value\" (Text, Zahl oder wahr/falsch).");
                }

                var label = new PropertyReader(option, name).String("label") ?? FormValues.Display(value);
                options.Add(new FormOption(label, value.DeepClone()));
            }

            return options;
        }

        public IReadOnlyList<FormTableColumn> Columns()
        {
            if (obj["columns"] is null)
            {
                return [];
            }

            if (obj["columns"] is not JsonArray array)
            {
                throw Wrong("columns", "eine Liste von Spalten");
            }

            return [.. array.Select(item => item is JsonObject column && new PropertyReader(column, name).String("key") is { Length: > 0 } key
                ? new FormTableColumn(new PropertyReader(column, name).String("label") ?? key, key)
                : throw new FormSchemaException($"{name}: Jede Tabellenspalte braucht \"label\" und \"key\"."))];
        }

        private decimal? Decimal(string property) => obj[property] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<decimal>(out var d) => d,
            JsonValue v when v.TryGetValue<string>(out var s) && s.Length == 0 => null,
            _ => throw Wrong(property, "eine Zahl"),
        };

        private FormExpression Parse(string text, string property)
        {
            try
            {
                return new FormExpression(text, FeelParser.ParseExpression(text));
            }
            catch (FeelSyntaxException e)
            {
                throw new FormSchemaException($"{name}: Der FEEL-Ausdruck in \"{property}\" ist fehlerhaft: {e.MessageGerman}", e);
            }
        }

        private FormSchemaException Wrong(string property, string expected) =>
            new($"{name}: \"{property}\" muss {expected} sein.");
    }
}

/// <summary>Helpers for the JSON values of forms.</summary>
internal static class FormValues
{
    /// <summary>The text a JSON value shows as (strings without quotes, numbers invariant).</summary>
    public static string Display(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<decimal>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : v.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
