namespace Amtsweg.Server.Features.Shared;

/// <summary>
/// The field errors of a page's own inputs, in the order of the fields: shown in the error summary at the top (GOV.UK
/// pattern, each a link to its field) and next to each field, the same way the form renderer shows form errors.
/// </summary>
public sealed class PageErrors
{
    /// <summary>The longest title of an Akte or a Vorgang (the e-file's commands refuse longer ones).</summary>
    public const int MaxTitleLength = 500;

    private readonly List<(string FieldId, string Message)> _errors = [];

    /// <summary>The errors, in the order they were added.</summary>
    public IReadOnlyList<(string FieldId, string Message)> All => _errors;

    /// <summary>True when there is no error.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records <paramref name="message"/> (German) for the input with the element id <paramref name="fieldId"/>.</summary>
    public void Add(string fieldId, string message) => _errors.Add((fieldId, message));

    /// <summary>
    /// Checks the required title of an Akte or a Vorgang at the input <paramref name="fieldId"/>: <paramref name="missing"/>
    /// when it is empty, <paramref name="tooLong"/> when it has more than <see cref="MaxTitleLength"/> characters.
    /// </summary>
    public void CheckTitle(string fieldId, string? title, string missing, string tooLong)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            Add(fieldId, missing);
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            Add(fieldId, tooLong);
        }
    }

    /// <summary>The error of one input, or null.</summary>
    public string? For(string fieldId) => _errors.Where(e => e.FieldId == fieldId).Select(e => e.Message).FirstOrDefault();
}

/// <summary>A text input of a page (<c>_TextField</c> partial), required unless <paramref name="Required"/> is false; <paramref name="Type"/> <c>password</c> for passwords, with their <paramref name="Autocomplete"/> token.</summary>
public sealed record TextField(
    string Id, string Name, string Label, string? Value, string? Error, string? Hint = null, int MaxLength = PageErrors.MaxTitleLength, string Type = "text", string Autocomplete = "off", bool Required = true);

/// <summary>A required choice with groups (<c>_GroupedSelect</c> partial): the Aktenplan picker and the Akte picker.</summary>
public sealed record GroupedSelect(string Id, string Name, string Label, string Hint, string Placeholder, IReadOnlyList<SelectGroup> Groups, Guid? Selected, string? Error);

/// <summary>One <c>optgroup</c> with its options (value and text).</summary>
public sealed record SelectGroup(string Label, IReadOnlyList<(Guid Value, string Text)> Options);
