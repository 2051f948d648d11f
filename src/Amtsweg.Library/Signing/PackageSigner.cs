using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Signing;

/// <summary>The outcome of checking a signed archive.</summary>
/// <param name="Manifest">The archive's manifest, or null when it could not be read.</param>
/// <param name="PublicKey">The key the archive was signed with (base64), or null when there is no readable signature.</param>
/// <param name="Problems">Why the archive is not trustworthy, in German; empty when it is.</param>
public sealed record PackageVerification(PackageManifest? Manifest, string? PublicKey, IReadOnlyList<string> Problems)
{
    /// <summary>True when every file is as signed and the signature is valid (and by the expected key, when one was given).</summary>
    public bool IsValid => Problems.Count == 0 && Manifest is not null;

    /// <summary>The lines of the result: publisher, package and <c>signature valid</c>, or each reason and <c>signature invalid</c>.</summary>
    public IReadOnlyList<string> Lines() => IsValid
        ? [$"Herausgeber: {Manifest!.Publisher.Name} (AGS {Manifest.Publisher.Ags})", $"Paket: {Manifest.Id} {Manifest.Version}", $"Schlüssel: {PublicKey}", "signature valid"]
        : [.. Problems, "signature invalid"];
}

/// <summary>
/// Signed archives of packages (<c>amtsweg package pack</c> and <c>verify</c>): a zip of the package's files plus
/// <c>signatur.json</c> with the format, the package id and version, the publisher's AGS, the public key, the SHA-256 of
/// every file and the Ed25519 signature over <see cref="CanonicalText"/> of those. The archive is deterministic: entries
/// in ordinal order, one fixed time stamp, no extra attributes, so the same package and key give the same bytes.
/// </summary>
public static class PackageSigner
{
    /// <summary>The format marker of <c>signatur.json</c>.</summary>
    public const string Format = "amtsweg-signatur/1";

    /// <summary>The extension of a signed archive.</summary>
    public const string Extension = ".amtsweg-paket";

    /// <summary>The time stamp every entry carries (a zip's earliest is 1980; a fixed one keeps the bytes the same).</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The file name of a package's signed archive: <c>id-version.amtsweg-paket</c>.</summary>
    public static string FileName(PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return $"{manifest.Id}-{manifest.Version}{Extension}";
    }

    /// <summary>Writes the signed archive of a valid package's files.</summary>
    public static byte[] Pack(PackageFiles files, PackageManifest manifest, PackageKey key)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(key);
        var hashes = files.Files.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(SHA256.HashData(p.Value)), StringComparer.Ordinal);
        var canonical = CanonicalText(manifest.Id, manifest.Version, manifest.Publisher.Ags, key.PublicKey, hashes);
        var signature = new JsonObject
        {
            ["format"] = Format,
            ["id"] = manifest.Id,
            ["version"] = manifest.Version,
            ["publisherAgs"] = manifest.Publisher.Ags,
            ["publicKey"] = key.PublicKey,
            ["files"] = new JsonArray([.. hashes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject { ["path"] = p.Key, ["sha256"] = p.Value })]),
            ["signature"] = Convert.ToBase64String(key.Sign(Encoding.UTF8.GetBytes(canonical))),
        };
        var entries = new Dictionary<string, byte[]>(files.Files, StringComparer.Ordinal)
        {
            [PackageFiles.SignatureFile] = Encoding.UTF8.GetBytes(signature.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n"),
        };
        return Zip(entries);
    }

    /// <summary>A deterministic zip: the entries in ordinal order of their paths, each with <see cref="EntryTime"/>, so that the same files give the same bytes.</summary>
    public static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// What is signed: the lines <c>amtsweg-signatur/1</c>, <c>id ID</c>, <c>version VERSION</c>, <c>ags AGS</c>,
    /// <c>key PUBLICKEY</c>, then one line <c>SHA256HEX PATH</c> per file in ordinal order of the paths, each line ending
    /// in <c>\n</c>, as UTF-8. Paths hold no control characters (the reader refuses them), so the lines are unambiguous.
    /// </summary>
    public static string CanonicalText(string id, string version, string ags, string publicKey, IReadOnlyDictionary<string, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var text = new StringBuilder();
        text.Append(Format).Append('\n')
            .Append("id ").Append(id).Append('\n')
            .Append("version ").Append(version).Append('\n')
            .Append("ags ").Append(ags).Append('\n')
            .Append("key ").Append(publicKey).Append('\n');
        foreach (var (path, hash) in hashes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(hash).Append(' ').Append(path).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Checks a signed archive: its signature file, every file's hash, no file missing or added, the signature, and (when given) that it was signed with <paramref name="expectedKey"/>.</summary>
    public static PackageVerification Verify(PackageFiles files, string? expectedKey = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Signature is null)
        {
            return new PackageVerification(null, null, ["Das Paket ist nicht signiert: signatur.json fehlt."]);
        }

        Claims claims;
        try
        {
            claims = ReadClaims(files.Signature);
        }
        catch (FormatException error)
        {
            return new PackageVerification(null, null, [$"signatur.json: {error.Message}"]);
        }

        var problems = new List<string>();
        var actual = files.Files.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(SHA256.HashData(p.Value)), StringComparer.Ordinal);
        foreach (var (path, hash) in claims.Hashes)
        {
            if (!actual.TryGetValue(path, out var found))
            {
                problems.Add($"{path}: Die Datei fehlt im Archiv, ist aber signiert.");
            }
            else if (found != hash)
            {
                problems.Add($"{path}: Die Datei wurde nach dem Signieren verändert.");
            }
        }

        problems.AddRange(actual.Keys.Where(path => !claims.Hashes.ContainsKey(path)).Select(path => $"{path}: Die Datei ist nicht signiert (nach dem Signieren hinzugefügt)."));
        var canonical = CanonicalText(claims.Id, claims.Version, claims.Ags, claims.PublicKey, claims.Hashes);
        if (!PackageKey.Verify(claims.PublicKey, Encoding.UTF8.GetBytes(canonical), claims.Signature))
        {
            problems.Add("signatur.json: Die Signatur passt nicht zu den Angaben und dem Schlüssel (verändert oder mit einem anderen Schlüssel signiert).");
        }
        else if (expectedKey is not null && !string.Equals(expectedKey.Trim(), claims.PublicKey, StringComparison.Ordinal))
        {
            problems.Add($"Das Paket ist mit einem fremden Schlüssel signiert ({claims.PublicKey}), nicht mit dem erwarteten des Herausgebers.");
        }

        PackageManifest? manifest = null;
        if (files.Files.ContainsKey(PackageLayout.Manifest))
        {
            try
            {
                manifest = ManifestReader.Read(files.Text(PackageLayout.Manifest));
                if (manifest.Id != claims.Id || manifest.Version != claims.Version || manifest.Publisher.Ags != claims.Ags)
                {
                    problems.Add($"signatur.json: Paket, Version oder Herausgeber der Signatur ({claims.Id} {claims.Version}, AGS {claims.Ags}) passen nicht zum Manifest ({manifest.Id} {manifest.Version}, AGS {manifest.Publisher.Ags}).");
                }
            }
            catch (PackageManifestException error)
            {
                problems.Add($"{PackageLayout.Manifest}: {error.Message}");
            }
            catch (PackageTextException error)
            {
                problems.Add($"{PackageLayout.Manifest}: {error.Message}");
            }
        }
        else if (!problems.Any(p => p.StartsWith(PackageLayout.Manifest, StringComparison.Ordinal)))
        {
            problems.Add($"{PackageLayout.Manifest}: Das Manifest fehlt.");
        }

        return new PackageVerification(manifest, claims.PublicKey, problems);
    }

    private sealed record Claims(string Id, string Version, string Ags, string PublicKey, Dictionary<string, string> Hashes, byte[] Signature);

    private static Claims ReadClaims(byte[] bytes)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false }) as JsonObject
                ?? throw new FormatException("Erwartet wird ein JSON-Objekt.");
        }
        catch (JsonException)
        {
            throw new FormatException("Die Datei ist kein gültiges JSON.");
        }

        string[] fields = ["format", "id", "version", "publisherAgs", "publicKey", "files", "signature"];
        if (obj.Select(p => p.Key).FirstOrDefault(k => !fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new FormatException($"Die Angabe \"{unknown}\" ist unbekannt.");
        }

        if (Text(obj, "format") != Format)
        {
            throw new FormatException($"Das Format ist nicht {Format}.");
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["files"] is not JsonArray list)
        {
            throw new FormatException("files: Erwartet wird eine Liste.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject file || file.Count != 2 || Text(file, "path") is not { } path || Text(file, "sha256") is not { Length: 64 } hash || !hashes.TryAdd(path, hash))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"files[{i}]: Erwartet werden \"path\" und \"sha256\" (64 Hexziffern), jeder Pfad einmal."));
            }
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Text(obj, "signature") ?? throw new FormatException("signature fehlt."));
        }
        catch (FormatException)
        {
            throw new FormatException("signature: Erwartet wird die Signatur in Base64.");
        }

        return new Claims(
            Text(obj, "id") ?? throw new FormatException("id fehlt."),
            Text(obj, "version") ?? throw new FormatException("version fehlt."),
            Text(obj, "publisherAgs") ?? throw new FormatException("publisherAgs fehlt."),
            Text(obj, "publicKey") ?? throw new FormatException("publicKey fehlt."),
            hashes,
            signature);
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
