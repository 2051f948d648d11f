using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms.Validation;

/// <summary>Turns one submitted value into its typed value and checks the component's rules; messages are German.</summary>
internal static class FieldRules
{
    public const string Required = "Bitte füllen Sie dieses Pflichtfeld aus.";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    // The same shape as form-js's check: a local part, an @ and a domain with at least one dot.
    private static readonly Regex Email = new(@"^[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]{2,}$", RegexOptions.CultureInvariant, PatternTimeout);

    // form-js asks for an international number (+49 ... or 0049 ...); separators a person types are allowed.
    private static readonly Regex Phone = new(@"^(\+|00)[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant, PatternTimeout);

    private static readonly Regex TimePart = new(@"^(?<h>[01][0-9]|2[0-3]):(?<m>[0-5][0-9])(:(?<s>[0-5][0-9]))?(?<z>Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$", RegexOptions.CultureInvariant, PatternTimeout);

    public static (JsonNode? Value, string? Message) Check(FormComponent component, JsonNode? raw, IReadOnlyList<FormOption> options, FormOptions settings) => component.Type switch
    {
        FormComponentType.TextField => Text(component, raw, settings.MaxTextLength, multiline: false),
        FormComponentType.TextArea => Text(component, raw, settings.MaxTextAreaLength, multiline: true),
        FormComponentType.Number => Number(component, raw),
        FormComponentType.Checkbox => Checkbox(component, raw),
        FormComponentType.Radio or FormComponentType.Select => Single(component, raw, options),
        FormComponentType.Checklist or FormComponentType.Taglist => Multiple(component, raw, options),
        FormComponentType.DateTime => DateTime(component, raw, settings),
        FormComponentType.FilePicker => Files(component, raw),
        _ => (null, null),
    };

    private static bool IsEmpty(JsonNode? raw) => raw is null || (raw is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

    private static bool TryString(JsonNode? raw, out string text)
    {
        text = string.Empty;
        return raw is JsonValue v && v.TryGetValue(out text!);
    }

    private static bool HasControlCharacters(string text, bool multiline) =>
        text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));

    private static (JsonNode?, string?) Text(FormComponent component, JsonNode? raw, int defaultMax, bool multiline)
    {
        if (raw is null)
        {
            return (JsonValue.Create(string.Empty), component.Rules.Required ? Required : null);
        }

        if (!TryString(raw, out var text))
        {
            return (null, "Bitte geben Sie einen Text ein.");
        }

        var rules = component.Rules;
        var max = Math.Min(rules.MaxLength ?? defaultMax, Math.Max(defaultMax, 100_000));
        if (text.Length > max)
        {
            // The oversized text is not kept: it would be echoed into the page and stored nowhere anyway.
            return (JsonValue.Create(string.Empty), $"Bitte geben Sie höchstens {max} Zeichen ein.");
        }

        var value = JsonValue.Create(text);
        if (HasControlCharacters(text, multiline))
        {
            return (value, "Der Text enthält unzulässige Steuerzeichen.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (value, rules.Required ? Required : null);
        }

        if (rules.MinLength is { } min && text.Length < min)
        {
            return (value, $"Bitte geben Sie mindestens {min} Zeichen ein.");
        }

        if (rules.ValidationType == "email" && !Matches(Email, text))
        {
            return (value, "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.");
        }

        if (rules.ValidationType == "phone" && !Matches(Phone, StripPhoneSeparators(text)))
        {
            return (value, "Bitte geben Sie eine internationale Telefonnummer ein, z. B. +49 30 1234567.");
        }

        if (rules.Pattern is { } pattern)
        {
            try
            {
                if (!Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout))
                {
                    return (value, "Die Eingabe hat nicht das verlangte Format.");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return (value, "Die Eingabe konnte nicht geprüft werden; bitte kürzen Sie sie.");
            }
        }

        return (value, null);
    }

    private static string StripPhoneSeparators(string text) =>
        string.Concat(text.Where(c => c is not (' ' or '-' or '/' or '(' or ')' or '.')));

    private static bool Matches(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static (JsonNode?, string?) Number(FormComponent component, JsonNode? raw)
    {
        var rules = component.Rules;
        if (IsEmpty(raw))
        {
            return (null, rules.Required ? Required : null);
        }

        decimal number;
        if (raw is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (!v.TryGetValue(out number))
            {
                return (null, "Die Zahl ist zu groß.");
            }
        }
        else if (!TryString(raw, out var text) || !TryParseNumber(text.Trim(), out number))
        {
            return (TryString(raw, out var shown) && shown.Length <= 100 ? JsonValue.Create(shown) : null, "Bitte geben Sie eine Zahl ein, z. B. 12,50.");
        }

        JsonNode value = component.SerializeToString ? JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(number);
        if (rules.Min is { } min && number < min)
        {
            return (value, $"Die Zahl muss mindestens {Format(min)} sein.");
        }

        if (rules.Max is { } max && number > max)
        {
            return (value, $"Die Zahl darf höchstens {Format(max)} sein.");
        }

        if (component.DecimalDigits is { } digits && number.Scale > digits && decimal.Round(number, digits) != number)
        {
            return (value, digits == 0 ? "Bitte geben Sie eine ganze Zahl ein." : $"Bitte geben Sie höchstens {digits} Nachkommastellen ein.");
        }

        return (value, null);
    }

    internal static string Format(decimal number) => number.ToString("G", CultureInfo.GetCultureInfo("de-DE"));

    // People type "12,50" (German) or "12.50"; "1.234,5" with a thousands dot is taken too, "1,234.5" is not guessed at.
    private static bool TryParseNumber(string text, out decimal number)
    {
        number = 0;
        if (text.Length is 0 or > 100)
        {
            return false;
        }

        var normalized = text.Contains(',', StringComparison.Ordinal)
            ? text.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.')
            : text;
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static (JsonNode?, string?) Checkbox(FormComponent component, JsonNode? raw)
    {
        bool? value = raw switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) && s is "true" or "on" => true,
            JsonValue v when v.TryGetValue<string>(out var s) && s is "false" or "" => false,
            _ => null,
        };
        if (value is null)
        {
            return (false, "Bitte wählen Sie Ja oder Nein.");
        }

        return (value.Value, component.Rules.Required && !value.Value ? "Bitte bestätigen Sie dieses Pflichtfeld." : null);
    }

    private static FormOption? Find(IReadOnlyList<FormOption> options, JsonNode? raw)
    {
        if (raw is not JsonValue)
        {
            return null;
        }

        // A form post sends every value as text; the option's own value (text, number or boolean) is what is stored.
        var wanted = FormValues.Display(raw);
        return options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, raw)) ?? options.FirstOrDefault(o => FormValues.Display(o.Value) == wanted);
    }

    private static (JsonNode?, string?) Single(FormComponent component, JsonNode? raw, IReadOnlyList<FormOption> options)
    {
        if (IsEmpty(raw))
        {
            return (null, component.Rules.Required ? "Bitte wählen Sie einen Wert aus." : null);
        }

        return Find(options, raw) is { } option
            ? (option.Value?.DeepClone(), null)
            : (null, "Bitte wählen Sie einen der angebotenen Werte.");
    }

    private static (JsonNode?, string?) Multiple(FormComponent component, JsonNode? raw, IReadOnlyList<FormOption> options)
    {
        var given = raw switch
        {
            null => [],
            JsonArray array => array.ToList(),
            JsonValue v when v.TryGetValue<string>(out var s) && s.Length == 0 => [],
            JsonValue v => [v],
            _ => null,
        };
        if (given is null || given.Count > Math.Max(options.Count, 1) * 2)
        {
            return (new JsonArray(), "Bitte wählen Sie nur aus den angebotenen Werten.");
        }

        var chosen = new JsonArray();
        foreach (var item in given)
        {
            if (Find(options, item) is not { } option)
            {
                return (new JsonArray(), "Bitte wählen Sie nur aus den angebotenen Werten.");
            }

            if (!chosen.Any(c => JsonNode.DeepEquals(c, option.Value)))
            {
                chosen.Add(option.Value?.DeepClone());
            }
        }

        return (chosen, component.Rules.Required && chosen.Count == 0 ? "Bitte wählen Sie mindestens einen Wert aus." : null);
    }

    private static (JsonNode?, string?) Files(FormComponent component, JsonNode? raw)
    {
        if (IsEmpty(raw) || raw is JsonArray { Count: 0 })
        {
            return (null, component.Rules.Required ? "Bitte wählen Sie eine Datei aus." : null);
        }

        var references = raw switch
        {
            JsonArray array when component.Multiple && array.Count <= 100 => array.Select(i => TryString(i, out var s) ? s : null).ToList(),
            JsonValue v when TryString(v, out var s) => [s],
            _ => null,
        };
        if (references is null || references.Any(r => r is null || r.Length is 0 or > 1_000 || HasControlCharacters(r, multiline: false)))
        {
            return (null, "Die Dateiangabe hat nicht die erwartete Form.");
        }

        return (raw!.DeepClone(), null);
    }

    private static (JsonNode?, string?) DateTime(FormComponent component, JsonNode? raw, FormOptions settings)
    {
        if (IsEmpty(raw))
        {
            return (null, component.Rules.Required ? Required : null);
        }

        if (!TryString(raw, out var text) || text.Length > 64)
        {
            return (null, Expected(component));
        }

        text = text.Trim();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(settings.Clock.GetUtcNow(), settings.TimeZone).DateTime);
        DateOnly? date = null;
        var timeText = text;
        if (component.Subtype is "date" or "datetime")
        {
            var datePart = component.Subtype == "date" ? text : text.Split('T', ' ')[0];
            if (!TryParseDate(datePart, out var parsed))
            {
                return (JsonValue.Create(text), Expected(component));
            }

            date = parsed;
            timeText = component.Subtype == "date" ? string.Empty : text[datePart.Length..].TrimStart('T', ' ');
        }

        string? serialized;
        if (component.Subtype == "date")
        {
            serialized = date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else
        {
            serialized = SerializeTime(component, date, timeText, today, settings.TimeZone);
            if (serialized is null)
            {
                return (JsonValue.Create(text), Expected(component));
            }
        }

        if (component.DisallowPassedDates && date is { } day && day < today)
        {
            return (JsonValue.Create(serialized), "Das Datum darf nicht in der Vergangenheit liegen.");
        }

        return (JsonValue.Create(serialized), null);
    }

    private static string Expected(FormComponent component) => component.Subtype switch
    {
        "date" => "Bitte geben Sie ein gültiges Datum ein, z. B. 31.12.2026.",
        "time" => "Bitte geben Sie eine gültige Uhrzeit ein, z. B. 14:30.",
        _ => "Bitte geben Sie ein gültiges Datum mit Uhrzeit ein, z. B. 31.12.2026 14:30.",
    };

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // form-js's formats: no_timezone "14:30", utc_offset "14:30+01:00", utc_normalized "13:30Z"; with the date in front
    // and a "T" for datetime. A time entered without a zone is German local time.
    private static string? SerializeTime(FormComponent component, DateOnly? date, string text, DateOnly today, TimeZoneInfo zone)
    {
        var match = TimePart.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var time = new TimeOnly(int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture));
        var day = date ?? today;
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (match.Groups["z"].Success)
        {
            var z = match.Groups["z"].Value;
            offset = z == "Z" ? TimeSpan.Zero : TimeSpan.ParseExact(z[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (z[0] == '-' ? -1 : 1);
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        var moment = new DateTimeOffset(local, offset);
        string Stamp(DateTimeOffset m, string suffix) =>
            (date is null ? string.Empty : m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T") + m.ToString("HH:mm", CultureInfo.InvariantCulture) + suffix;
        return component.TimeSerializingFormat switch
        {
            "no_timezone" => Stamp(moment, string.Empty),
            "utc_normalized" => Stamp(moment.ToUniversalTime(), "Z"),
            _ => Stamp(moment, (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture)),
        };
    }
}
