using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Amtsweg.Integration.Fim;

/// <summary>
/// Imports an XDatenfelder 2.0 or 3.0.0 data schema (Stammdatenschema) or Datenfeldgruppe as a form-js form, so that a
/// municipality builds its forms from the federal FIM catalogue. The form keeps the FIM ids and versions of its fields
/// and groups (<c>properties</c> <c>fim:id</c>, <c>fim:version</c>); what it cannot express is returned as German notes.
/// </summary>
public static class FimFormImporter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Reads a message and converts it; nothing is produced for a broken message.</summary>
    /// <exception cref="FimImportException">The message cannot be imported; the German message names the element.</exception>
    public static FimFormImport Import(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var notes = new List<string>();
        var schema = XDatenfelderReader.Read(xml, notes);
        var (form, fields, groups) = FimFormConverter.Convert(schema, notes);
        return new FimFormImport(schema.Identity.Id, schema.Identity.Version, schema.Name, schema.Version, form.ToJsonString(Json), fields, groups, notes);
    }
}

/// <summary>The result of an import.</summary>
/// <param name="FormId">The form's id: the FIM id of the schema or group.</param>
/// <param name="FimVersion">The version of the schema or group, if the message gives one.</param>
/// <param name="Name">The schema's or group's name.</param>
/// <param name="Standard">The XDatenfelder version of the message.</param>
/// <param name="FormJson">The form-js schema (JSON, indented).</param>
/// <param name="FieldCount">Fields and texts in the form.</param>
/// <param name="GroupCount">Groups and lists in the form.</param>
/// <param name="Notes">What the form does not express, in German, in the order of the message.</param>
public sealed record FimFormImport(
    string FormId,
    string? FimVersion,
    string Name,
    XDatenfelderVersion Standard,
    string FormJson,
    int FieldCount,
    int GroupCount,
    IReadOnlyList<string> Notes);
