using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Amtsweg.Integration.Fim;

/// <summary>
/// Turns a read XDatenfelder message into a form-js schema (the format of <c>Amtsweg.Forms</c> and the form editor).
/// Every FIM element keeps its id and version in the component's <c>properties</c> (<c>fim:id</c>, <c>fim:version</c>),
/// which form-js keeps unchanged as custom properties. What a form cannot express becomes a German note; the mapping is
/// documented in <c>docs/fim-import.md</c>.
/// </summary>
internal sealed class FimFormConverter
{
    /// <summary>form-js schema version written; the one the library's forms use.</summary>
    public const int SchemaVersion = 16;

    /// <summary>Text fields longer than this (Präzisierung maxLength) become text areas.</summary>
    public const int TextAreaFrom = 200;

    /// <summary>Wertelisten up to this many entries become radio buttons, longer ones a select.</summary>
    public const int RadioUpTo = 4;

    private readonly List<string> _notes;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _fields;
    private int _groups;

    private FimFormConverter(List<string> notes) => _notes = notes;

    public static (JsonObject Form, int Fields, int Groups) Convert(FimSchema schema, List<string> notes)
    {
        var converter = new FimFormConverter(notes);
        var components = new JsonArray();
        var keys = new FormKeys();
        var what = schema.MessageName == "xdatenfelder.datenfeldgruppe.0103" ? "Die Datenfeldgruppe" : "Das Datenschema";
        foreach (var rule in schema.Rules)
        {
            converter.NoteRule(rule, $"{what} {schema.Identity.Id} „{schema.Name}“");
        }

        foreach (var child in schema.Children)
        {
            converter.AddChild(components, child, keys, required: true);
        }

        if (converter._fields == 0)
        {
            notes.Add($"{what} {schema.Identity.Id} „{schema.Name}“ enthält keine Datenfelder, die ein Formular zeigen kann; das Formular ist leer.");
        }

        var form = new JsonObject
        {
            ["id"] = schema.Identity.Id,
            ["type"] = "default",
            ["schemaVersion"] = SchemaVersion,
            ["exporter"] = new JsonObject { ["name"] = "Amtsweg FIM-Import", ["version"] = "1.0" },
            ["properties"] = Properties(schema.Identity, schema.Version),
            ["components"] = components,
        };
        return (form, converter._fields, converter._groups);
    }

    private void AddChild(JsonArray target, FimChild child, FormKeys keys, bool required)
    {
        var repeated = child.Max is null or > 1;
        var mandatory = required && child.Min >= 1;
        switch (child.Element)
        {
            case FimGroup group when repeated:
                target.Add(RepeatedGroup(group, child, keys));
                break;
            case FimGroup group:
                target.Add(Group(group, keys, mandatory));
                break;
            case FimField field when repeated:
                if (RepeatedField(field, child, keys) is { } list)
                {
                    target.Add(list);
                }

                break;
            case FimField field:
                if (Field(field, keys.Next(field.Name, field.Identity.Id), mandatory) is { } component)
                {
                    target.Add(component);
                }

                break;
            default:
                throw new InvalidOperationException("unknown FIM element " + child.Element.GetType().Name);
        }
    }

    private JsonObject Group(FimGroup group, FormKeys keys, bool required)
    {
        _groups++;
        var what = Describe(group);
        foreach (var rule in group.Rules)
        {
            NoteRule(rule, what);
        }

        var components = new JsonArray();
        if (group.Help is { } help)
        {
            components.Add(new JsonObject { ["type"] = "text", ["id"] = Id("Hinweis", FormKeys.FromName(group.Name)), ["text"] = help });
        }

        var before = _notes.Count;
        foreach (var child in group.Children)
        {
            AddChild(components, child, keys, required);
        }

        if (!required && HasMandatoryField(group))
        {
            _notes.Insert(before, $"{what} ist optional: Ihre Pflichtfelder sind im Formular nicht als Pflicht markiert, weil sie nur Pflicht sind, wenn die Gruppe ausgefüllt wird.");
        }

        return new JsonObject
        {
            ["type"] = "group",
            ["id"] = Id("Gruppe", FormKeys.FromName(group.Name)),
            ["label"] = group.Label,
            ["showOutline"] = true,
            ["properties"] = Properties(group.Identity, null),
            ["components"] = components,
        };
    }

    // A repeated group: a dynamic list whose entries carry the group's fields; the list's keys are its own scope.
    private JsonObject RepeatedGroup(FimGroup group, FimChild child, FormKeys keys)
    {
        var list = Group(group, new FormKeys(), required: true);
        list["type"] = "dynamiclist";
        list["id"] = Id("Liste", FormKeys.FromName(group.Name));
        list["path"] = keys.Next(group.Name, group.Identity.Id);
        list["isRepeating"] = true;
        list["allowAddRemove"] = true;
        list["defaultRepetitions"] = Math.Clamp(child.Min, 1, 100);
        list.Remove("showOutline");
        NoteCount(Describe(group), child);
        return list;
    }

    private JsonObject? RepeatedField(FimField field, FimChild child, FormKeys keys)
    {
        if (Field(field, "wert", required: true) is not { } component)
        {
            return null;
        }

        NoteCount(Describe(field), child);
        return new JsonObject
        {
            ["type"] = "dynamiclist",
            ["id"] = Id("Liste", FormKeys.FromName(field.Name)),
            ["label"] = field.Label,
            ["path"] = keys.Next(field.Name, field.Identity.Id),
            ["isRepeating"] = true,
            ["allowAddRemove"] = true,
            ["defaultRepetitions"] = Math.Clamp(child.Min, 1, 100),
            ["properties"] = Properties(field.Identity, null),
            ["components"] = new JsonArray(component),
        };
    }

    private void NoteCount(string what, FimChild child)
    {
        var count = child.Max is { } max ? $"{child.Min} bis {max}" : $"mindestens {child.Min}";
        _notes.Add($"{what} kann wiederholt werden ({count}): Es ist eine Liste, in der Einträge hinzugefügt und entfernt werden können; die Zahl der Einträge prüft das Formular nicht.");
    }

    private JsonObject? Field(FimField field, string key, bool required)
    {
        var what = Describe(field);
        foreach (var rule in field.Rules)
        {
            NoteRule(rule, what);
        }

        if (field.Feldart == "hidden")
        {
            _notes.Add($"{what} ist ein verstecktes Feld (Feldart hidden) und wird nicht übernommen; versteckte Werte setzt der Prozess, nicht das Formular.");
            return null;
        }

        if (field.Feldart == "label")
        {
            _fields++;
            return new JsonObject
            {
                ["type"] = "text",
                ["id"] = Id("Text", key),
                ["text"] = field.Content ?? field.Label,
                ["properties"] = Properties(field.Identity, null),
            };
        }

        if (field.Feldart is not ("input" or "select" or "locked"))
        {
            throw new FimImportException($"{what}: Die Feldart „{field.Feldart}“ ist unbekannt (erlaubt: input, select, label, hidden, locked).");
        }

        var component = new JsonObject { ["id"] = Id("Feld", key), ["key"] = key, ["label"] = field.Label };
        if (field.Help is { } help)
        {
            component["description"] = help;
        }

        var validate = new JsonObject();
        var textual = false;
        if (field.Feldart == "select")
        {
            textual = !Choice(field, component, what);
        }
        else
        {
            switch (field.Datentyp)
            {
                case "text" or "text_latin":
                    textual = true;
                    component["type"] = field.Precision.MaxLength > TextAreaFrom ? "textarea" : "textfield";
                    if (field.Datentyp == "text_latin")
                    {
                        _notes.Add($"{what}: Die Zeichenbeschränkung „lateinische Zeichen nach DIN SPEC 91379“ (text_latin) prüft das Formular nicht.");
                    }

                    break;
                case "date" or "time" or "datetime":
                    component["type"] = "datetime";
                    component["subtype"] = field.Datentyp;
                    if (field.Datentyp != "date")
                    {
                        component["timeSerializingFormat"] = "no_timezone";
                    }

                    if (field.Precision.MinValue is not null || field.Precision.MaxValue is not null)
                    {
                        _notes.Add($"{what}: Den Zeitraum ({field.Precision.MinValue ?? "…"} bis {field.Precision.MaxValue ?? "…"}) prüft das Formular nicht; form-js kennt für Datumsfelder keine Grenzen.");
                    }

                    break;
                case "bool":
                    component["type"] = "checkbox";
                    if (required)
                    {
                        _notes.Add($"{what}: Als Ja/Nein-Feld ist es nicht als Pflicht markiert, weil ein Pflicht-Kästchen angekreuzt werden müsste; ein leeres Kästchen gilt als „nein“.");
                        required = false;
                    }

                    break;
                case "num" or "num_int" or "num_currency":
                    component["type"] = "number";
                    if (field.Datentyp == "num_int")
                    {
                        component["decimalDigits"] = 0;
                    }
                    else if (field.Datentyp == "num_currency")
                    {
                        component["decimalDigits"] = 2;
                        component["appearance"] = new JsonObject { ["suffixAdorner"] = "€" };
                    }

                    Bound(validate, "min", field.Precision.MinValue, what);
                    Bound(validate, "max", field.Precision.MaxValue, what);
                    break;
                case "file":
                    component["type"] = "filepicker";
                    if (field.MediaTypes.Count > 0)
                    {
                        component["accept"] = string.Join(',', field.MediaTypes);
                    }

                    if (field.MaxSize is { } size)
                    {
                        _notes.Add($"{what}: Die Höchstgröße {size} prüft das Formular nicht; es gelten die Grenzen des Posteingangs.");
                    }

                    break;
                case "obj":
                    _notes.Add($"{what} hat den Datentyp Objekt (obj, z. B. ein Bild oder eine Datei mit festem Inhalt) und wird nicht übernommen.");
                    return null;
                default:
                    throw new FimImportException($"{what}: Der Datentyp „{field.Datentyp}“ ist unbekannt (erlaubt: text, text_latin, date, time, datetime, bool, num, num_int, num_currency, file, obj).");
            }
        }

        if (textual)
        {
            Lengths(field, validate, what);
        }
        else if (field.Precision.MinLength is not null || field.Precision.MaxLength is not null || field.Precision.Pattern is not null)
        {
            _notes.Add($"{what}: Länge und Muster der Präzisierung gelten nur für Textfelder und werden hier nicht übernommen.");
        }

        if (field.Content is { } content)
        {
            if (textual)
            {
                component["defaultValue"] = content;
            }
            else
            {
                _notes.Add($"{what}: Der Inhalt „{content}“ wird nicht als Vorbelegung übernommen, weil er nicht zum Datentyp {field.Datentyp} passt.");
            }
        }

        if (field.Feldart == "locked")
        {
            component["readonly"] = true;
        }

        if (required && field.Feldart != "locked")
        {
            validate["required"] = true;
        }

        if (validate.Count > 0)
        {
            component["validate"] = validate;
        }

        component["properties"] = Properties(field.Identity, null);
        _fields++;
        return component;
    }

    // A select with a Werteliste (XDatenfelder 3) gets its values (true); a Codeliste is only referenced in the message,
    // so the field is taken as a text field (false) and the note names the list, for the designer to add the values.
    private bool Choice(FimField field, JsonObject component, string what)
    {
        if (field.Values.Count > 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var values = new JsonArray();
            foreach (var value in field.Values)
            {
                if (!seen.Add(value.Code))
                {
                    throw new FimImportException($"{what}: Die Werteliste enthält den Code „{value.Code}“ mehrmals.");
                }

                values.Add(new JsonObject { ["label"] = value.Name, ["value"] = value.Code });
            }

            component["type"] = field.Values.Count <= RadioUpTo ? "radio" : "select";
            component["values"] = values;
            if (field.CodeList is not null)
            {
                _notes.Add($"{what}: Die Auswahlwerte stammen aus der Werteliste der Nachricht; die zusätzlich genannte Codeliste ({field.CodeList}) wird nicht geladen.");
            }

            return true;
        }

        component["type"] = field.Precision.MaxLength > TextAreaFrom ? "textarea" : "textfield";
        _notes.Add(field.CodeList is { } list
            ? $"{what}: Die Auswahlwerte stehen in der Codeliste ({list}), die nicht in der Nachricht enthalten ist. Das Feld ist ein Textfeld geworden; tragen Sie die Auswahlwerte im Formulareditor ein (Typ „Auswahl“)."
            : $"{what}: Die Auswahl nennt weder Werteliste noch Codeliste. Das Feld ist ein Textfeld geworden; tragen Sie die Auswahlwerte im Formulareditor ein.");
        return false;
    }

    private void Lengths(FimField field, JsonObject validate, string what)
    {
        var precision = field.Precision;
        if (precision.MinLength is { } min && min > 0)
        {
            validate["minLength"] = min;
        }

        if (precision.MaxLength is { } max)
        {
            if (precision.MinLength is { } low && max < low)
            {
                throw new FimImportException($"{what}: Die Präzisierung hat eine Höchstlänge ({max}) unter der Mindestlänge ({low}).");
            }

            validate["maxLength"] = max;
        }

        if (precision.Pattern is { } pattern)
        {
            // XML-Schema patterns match the whole value; form-js tests a JavaScript RegExp anywhere in it: anchor it.
            var anchored = $"^(?:{pattern})$";
            try
            {
                _ = new Regex(anchored, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                validate["pattern"] = anchored;
            }
            catch (ArgumentException)
            {
                _notes.Add($"{what}: Das Muster „{pattern}“ der Präzisierung ist kein regulärer Ausdruck, den das Formular prüfen kann, und wird nicht übernommen.");
            }
        }
    }

    private void Bound(JsonObject validate, string name, string? text, string what)
    {
        if (text is null)
        {
            return;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            validate[name] = value;
        }
        else
        {
            _notes.Add($"{what}: Der Grenzwert „{text}“ der Präzisierung ist keine Zahl und wird nicht übernommen.");
        }
    }

    private void NoteRule(FimRule rule, string what) =>
        _notes.Add($"{what}: Die Regel {rule.Identity.Id} „{rule.Name}“ wird nicht übernommen; bilden Sie sie im Formulareditor als Bedingung oder Prüfung nach.");

    private static bool HasMandatoryField(FimGroup group) =>
        group.Children.Any(c => c.Min >= 1 && (c.Element is FimField { Feldart: "input" or "select" } || (c.Element is FimGroup inner && HasMandatoryField(inner))));

    private string Id(string prefix, string key)
    {
        var id = $"{prefix}_{(key.Length == 0 ? "element" : key)}";
        var candidate = id;
        for (var n = 2; !_ids.Add(candidate); n++)
        {
            candidate = $"{id}_{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return candidate;
    }

    private static JsonObject Properties(FimIdentity identity, XDatenfelderVersion? version)
    {
        var properties = new JsonObject { ["fim:id"] = identity.Id };
        if (identity.Version is { } v)
        {
            properties["fim:version"] = v;
        }

        if (version is { } standard)
        {
            properties["fim:xdatenfelder"] = standard == XDatenfelderVersion.Version2 ? "2.0" : "3.0.0";
        }

        return properties;
    }

    private static string Describe(FimElement element) => element switch
    {
        FimGroup => $"Die Datenfeldgruppe {element.Identity.Id} „{element.Name}“",
        _ => $"Das Datenfeld {element.Identity.Id} „{element.Name}“",
    };
}
