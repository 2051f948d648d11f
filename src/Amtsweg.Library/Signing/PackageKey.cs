using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Amtsweg.Library.Signing;

/// <summary>
/// A publishing municipality's Ed25519 key pair (<c>amtsweg package keygen</c>). The key file is JSON
/// (<c>amtsweg-schluessel/1</c>) with the private and the public key in base64, written readable by its owner only
/// (mode 600). The public key in base64 is what others pin.
/// </summary>
public sealed class PackageKey : IDisposable
{
    /// <summary>The key file's format marker.</summary>
    public const string Format = "amtsweg-schluessel/1";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private PackageKey(Key key)
    {
        _key = key;
        PublicKey = Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public key, raw 32 bytes in base64.</summary>
    public string PublicKey { get; }

    /// <summary>
    /// The fingerprint people compare when they pin a publisher's key: <c>SHA256:</c> and the SHA-256 of the raw key in
    /// hex, in groups of four (<c>SHA256:1a2b 3c4d …</c>); the text itself when it is not a key in base64.
    /// </summary>
    public static string Fingerprint(string publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(publicKey);
        }
        catch (FormatException)
        {
            return publicKey;
        }

        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw));
        return "SHA256:" + string.Join(" ", Enumerable.Range(0, hex.Length / 4).Select(i => hex.Substring(i * 4, 4)));
    }

    /// <summary>Makes a new key pair.</summary>
    public static PackageKey Create() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Writes the key file, readable and writable by its owner only; an existing file is not overwritten.</summary>
    /// <exception cref="IOException">The file exists or cannot be written.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = new JsonObject
        {
            ["format"] = Format,
            ["privateKey"] = Convert.ToBase64String(_key.Export(KeyBlobFormat.RawPrivateKey)),
            ["publicKey"] = PublicKey,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(json + "\n"));
    }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="FormatException">The file is not a key file of this format (German message).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PackageKey Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: Die Schlüsseldatei gibt es nicht.", path);
        }

        if (info.Length > 4096)
        {
            throw new FormatException($"{path}: Das ist keine Schlüsseldatei von amtsweg package keygen.");
        }

        try
        {
            var obj = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (obj is null || (string?)obj["format"] != Format || obj.Count != 3)
            {
                throw new FormatException($"{path}: Das ist keine Schlüsseldatei von amtsweg package keygen ({Format}).");
            }

            var key = Key.Import(Algorithm, Convert.FromBase64String((string?)obj["privateKey"] ?? string.Empty), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var loaded = new PackageKey(key);
            if (loaded.PublicKey != (string?)obj["publicKey"])
            {
                loaded.Dispose();
                throw new FormatException($"{path}: Der öffentliche Schlüssel in der Datei gehört nicht zum privaten.");
            }

            return loaded;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"{path}: Das ist keine Schlüsseldatei von amtsweg package keygen.", error);
        }
        catch (FormatException error) when (!error.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: Der Schlüssel in der Datei ist kein gültiger Ed25519-Schlüssel.", error);
        }
    }

    /// <summary>Signs data.</summary>
    public byte[] Sign(byte[] data) => Algorithm.Sign(_key, data);

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="data"/> by the public key (base64); false for a key that is not one.</summary>
    public static bool Verify(string publicKey, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(publicKey);
        }
        catch (FormatException)
        {
            return false;
        }

        return NSec.Cryptography.PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var key) && key is not null && Algorithm.Verify(key, data, signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
