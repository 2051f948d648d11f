using System.Diagnostics;

namespace Amtsweg.Testing;

/// <summary>Scans for intake tests, drawn at test time by ImageMagick (Debian's <c>/usr/bin/convert</c>).</summary>
public static class TestScans
{
    /// <summary>A grayscale PNG scan with the given lines of German text; it carries no resolution of its own.</summary>
    public static byte[] Png(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var path = Path.Combine(Path.GetTempPath(), "amtsweg-scan-" + Guid.NewGuid().ToString("N") + ".png");
        var start = new ProcessStartInfo("/usr/bin/convert") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-size", "1240x" + (120 + (lines.Length * 80)), "xc:white", "-font", "DejaVu-Sans", "-pointsize", "34", "-fill", "black" })
        {
            start.ArgumentList.Add(argument);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            start.ArgumentList.Add("-annotate");
            start.ArgumentList.Add($"+60+{100 + (i * 80)}");
            start.ArgumentList.Add(lines[i]);
        }

        foreach (var argument in new[] { "-type", "Grayscale", path })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? File.ReadAllBytes(path) : throw new InvalidOperationException($"convert failed ({process.ExitCode}): {error}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
