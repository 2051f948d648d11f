using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Feel;

namespace Amtsweg.Documents;

/// <summary>
/// What a letter from a template knows besides its fields: the Vorgang, the recipient's address lines, the letterhead,
/// the day, and who to contact. The template sees them as <c>vorgang</c>, <c>empfaenger</c>, <c>gemeinde</c>,
/// <c>heute</c> and <c>sachbearbeitung</c> (<see cref="LetterTemplate.ContextNames"/>).
/// </summary>
/// <param name="Aktenzeichen">The Vorgang's Aktenzeichen, printed as "Unser Zeichen".</param>
/// <param name="VorgangTitle">The Vorgang's title (<c>vorgang.betreff</c>).</param>
/// <param name="Recipient">The address lines, the name first.</param>
/// <param name="Letterhead">Who writes.</param>
/// <param name="Today">The letter's date.</param>
public sealed record LetterSetting(string Aktenzeichen, string VorgangTitle, IReadOnlyList<string> Recipient, Letterhead Letterhead, DateOnly Today)
{
    /// <summary>The clerk to contact, if a person writes the letter.</summary>
    public string? ContactName { get; init; }

    /// <summary>The telephone number to call.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>The e-mail address to write to.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The lines under the closing.</summary>
    public IReadOnlyList<string> Signature { get; init; } = [];
}

/// <summary>
/// A letter from a template composed, whoever writes it: a clerk on the letter page, a process's letter task, a package's
/// scenario test. The template sees the same context everywhere (<see cref="LetterTemplate.ContextNames"/>).
/// </summary>
public static class LetterComposer
{
    /// <summary>
    /// The address lines of <paramref name="address"/>: one per line, or, typed on one line with commas
    /// ("Hauptstraße 1, 12345 Musterstadt"), one per part; empty lines dropped.
    /// </summary>
    public static List<string> AddressLines(string? address) =>
        [.. (address ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split(address?.Contains('\n', StringComparison.Ordinal) == true ? '\n' : ',')
            .Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>Renders <paramref name="template"/> with the checked <paramref name="values"/> of its fields into a letter; dates and times in <paramref name="zone"/> (the town halls' Europe/Berlin).</summary>
    /// <exception cref="TemplateException">A placeholder has no value, a condition is not a boolean, a loop not a list.</exception>
    public static Letter Compose(LetterTemplate template, IReadOnlyDictionary<string, object?> values, LetterSetting setting, TimeProvider clock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(setting);
        var scope = new Dictionary<string, object?>(values, StringComparer.Ordinal)
        {
            ["vorgang"] = new Dictionary<string, object?> { ["aktenzeichen"] = setting.Aktenzeichen, ["betreff"] = setting.VorgangTitle },
            ["empfaenger"] = new Dictionary<string, object?> { ["name"] = setting.Recipient.Count == 0 ? null : setting.Recipient[0] },
            ["sachbearbeitung"] = new Dictionary<string, object?> { ["name"] = setting.ContactName, ["telefon"] = setting.ContactPhone, ["email"] = setting.ContactEmail },
            ["gemeinde"] = new Dictionary<string, object?>
            {
                ["name"] = setting.Letterhead.Name,
                ["anschrift"] = setting.Letterhead.Address.Count == 0 ? null : string.Join(", ", setting.Letterhead.Address),
            },
            ["heute"] = setting.Today,
        };
        var text = template.Render(FeelScope.From(scope), new FeelEvaluationOptions { Clock = clock, TimeZone = zone });
        return new Letter(setting.Letterhead, setting.Recipient, text.Subject, text.Body)
        {
            Date = setting.Today,
            OurReference = setting.Aktenzeichen,
            ContactName = setting.ContactName,
            ContactPhone = setting.ContactPhone,
            ContactEmail = setting.ContactEmail,
            Salutation = text.Salutation,
            Closing = text.Closing,
            Signature = setting.Signature,
        };
    }

    /// <summary>
    /// The checked values of <paramref name="template"/>'s fields, read from the process variables of the same names as
    /// the letter page's inputs would be (text, numbers and yes/no the German way, a list one item per line).
    /// </summary>
    /// <exception cref="TemplateException">A variable is an object, a required one is missing or a value is not of its field's kind; the German message names the variable.</exception>
    public static Dictionary<string, object?> ValuesFromVariables(LetterTemplate template, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in template.Fields)
        {
            inputs[field.Key] = Input(variables.GetValueOrDefault(field.Key)) ?? throw new TemplateException(
                $"„{field.Label}“ kann nicht aus der Prozessvariable „{field.Key}“ gelesen werden: Sie ist weder Text noch Zahl, Datum oder Liste.",
                $"'{field.Label}' cannot be read from the process variable '{field.Key}': it is neither text nor number, date or list.");
        }

        var (values, errors) = template.ReadInputs(inputs);
        if (template.Fields.FirstOrDefault(f => errors.ContainsKey(f.Key)) is { } wrong)
        {
            throw inputs[wrong.Key]!.Trim().Length == 0
                ? new TemplateException(
                    $"Für „{wrong.Label}“ fehlt der Wert. Setzen Sie die Prozessvariable „{wrong.Key}“.",
                    $"'{wrong.Label}' has no value. Set the process variable '{wrong.Key}'.")
                : new TemplateException($"{errors[wrong.Key]} (Prozessvariable „{wrong.Key}“)", $"{errors[wrong.Key]} (process variable '{wrong.Key}')");
        }

        return values;
    }

    /// <summary>A variable as the letter page's input would be: text, numbers and yes/no the German way, a list one item per line; null for an object.</summary>
    private static string? Input(JsonNode? value) => value switch
    {
        null => "",
        JsonArray items => items.Select(Input).Any(item => item is null) ? null : string.Join("\n", items.Select(Input)),
        JsonObject => null,
        JsonValue json => json.GetValueKind() switch
        {
            JsonValueKind.String => json.GetValue<string>(),
            JsonValueKind.True => "ja",
            JsonValueKind.False => "nein",
            JsonValueKind.Number => TextTemplate.Format(json.GetValue<decimal>()),
            JsonValueKind.Null => "",
            _ => null,
        },
        _ => null,
    };
}
