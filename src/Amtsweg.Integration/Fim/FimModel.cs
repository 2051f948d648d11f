namespace Amtsweg.Integration.Fim;

/// <summary>The two XDatenfelder versions the importer reads.</summary>
public enum XDatenfelderVersion
{
    /// <summary>XDatenfelder 2.0 (<c>urn:xoev-de:fim:standard:xdatenfelder_2</c>).</summary>
    Version2,

    /// <summary>XDatenfelder 3.0.0 (<c>urn:xoev-de:fim:standard:xdatenfelder_3.0.0</c>).</summary>
    Version3,
}

/// <summary>The id and version of a FIM building block (Baukastenelement).</summary>
internal sealed record FimIdentity(string Id, string? Version);

/// <summary>Length, value range and pattern of a Datenfeld (Präzisierung).</summary>
internal sealed record FimPrecision(int? MinLength, int? MaxLength, string? MinValue, string? MaxValue, string? Pattern)
{
    public static FimPrecision None { get; } = new(null, null, null, null, null);
}

/// <summary>A rule (Regel) attached to an element; carried only to be named in a note.</summary>
internal sealed record FimRule(FimIdentity Identity, string Name);

/// <summary>One entry of a Werteliste (XDatenfelder 3 <c>werte/wert</c>).</summary>
internal sealed record FimValue(string Code, string Name, string? Help);

/// <summary>A Datenfeld or a Datenfeldgruppe.</summary>
internal abstract record FimElement(FimIdentity Identity, string Name, string? InputLabel, string? InputHelp, string? Description, IReadOnlyList<FimRule> Rules)
{
    /// <summary>The text a form shows as label: the Bezeichnung Eingabe, else the name.</summary>
    public string Label => string.IsNullOrWhiteSpace(InputLabel) ? Name : InputLabel;

    /// <summary>The text a form shows under the label: the Hilfetext Eingabe, else the Beschreibung.</summary>
    public string? Help => !string.IsNullOrWhiteSpace(InputHelp) ? InputHelp : string.IsNullOrWhiteSpace(Description) ? null : Description;
}

/// <summary>A Datenfeld.</summary>
internal sealed record FimField(
    FimIdentity Identity,
    string Name,
    string? InputLabel,
    string? InputHelp,
    string? Description,
    IReadOnlyList<FimRule> Rules,
    string Feldart,
    string Datentyp,
    FimPrecision Precision,
    string? Content,
    IReadOnlyList<FimValue> Values,
    string? CodeList,
    string? MaxSize,
    IReadOnlyList<string> MediaTypes)
    : FimElement(Identity, Name, InputLabel, InputHelp, Description, Rules);

/// <summary>A Datenfeldgruppe with its children.</summary>
internal sealed record FimGroup(
    FimIdentity Identity,
    string Name,
    string? InputLabel,
    string? InputHelp,
    string? Description,
    IReadOnlyList<FimRule> Rules,
    IReadOnlyList<FimChild> Children)
    : FimElement(Identity, Name, InputLabel, InputHelp, Description, Rules);

/// <summary>One child of a group or schema (a <c>struktur</c>) with its cardinality (Anzahl); <see cref="Max"/> null means unbounded.</summary>
internal sealed record FimChild(int Min, int? Max, FimElement Element);

/// <summary>
/// A read message: a Stammdatenschema (Datenschema), or a single Datenfeldgruppe (XDatenfelder 3, message 0103), which is
/// imported as a form with the group as its only child.
/// </summary>
internal sealed record FimSchema(XDatenfelderVersion Version, string MessageName, FimIdentity Identity, string Name, string? InputLabel, string? Help, IReadOnlyList<FimRule> Rules, IReadOnlyList<FimChild> Children);
