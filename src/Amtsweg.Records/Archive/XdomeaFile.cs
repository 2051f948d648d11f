using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Records.Archive;

/// <summary>
/// Reads an xdomea message as XML or as the zip the standard sends it in (exactly one XML file inside), through
/// <see cref="SafeXml"/>. Whatever cannot be read is refused with <see cref="RecordsErrors.XdomeaInvalid"/>.
/// </summary>
internal static class XdomeaFile
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The bytes of the file at <paramref name="path"/>; <paramref name="what"/> ends the message for a file that is too large.</summary>
    public static byte[] ReadBytes(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw Invalid($"Die Datei {path} gibt es nicht.");
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw Invalid($"Die Datei ist größer als 64 MB und {what}.");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>The message in <paramref name="bytes"/> (XML, or a zip holding it).</summary>
    public static XDocument Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.AsSpan().StartsWith("PK"u8) ? FromZip(bytes) : Parse(bytes);
    }

    public static RecordsException Invalid(string message) => new(RecordsErrors.XdomeaInvalid, message);

    private static XDocument FromZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var xml = zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (xml.Count != 1 || xml[0].Length > MaxBytes)
            {
                throw Invalid("Das ZIP-Archiv muss genau eine xdomea-Nachricht (XML-Datei) enthalten.");
            }

            using var stream = xml[0].Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return Parse(buffer.ToArray());
        }
        catch (InvalidDataException error)
        {
            throw Invalid("Das ZIP-Archiv ist beschädigt: " + error.Message);
        }
    }

    private static XDocument Parse(byte[] bytes)
    {
        try
        {
            return SafeXml.LoadDocument(new MemoryStream(bytes));
        }
        catch (XmlException error)
        {
            throw Invalid("Die Datei ist kein lesbares XML: " + error.Message);
        }
    }
}
