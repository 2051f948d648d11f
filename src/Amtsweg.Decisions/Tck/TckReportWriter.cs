using System.Text.Json;

namespace Amtsweg.Decisions.Tck;

/// <summary>Writes a <see cref="TckReport"/> as JSON (for <c>amtsweg dmn tck &lt;folder&gt; --json FILE</c>) or as a text summary.</summary>
public static class TckReportWriter
{
    /// <summary>Writes the report as JSON: totals, totals per top-level folder, and every case.</summary>
    public static void WriteJson(TckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("root", report.Root);
        json.WriteNumber("passed", report.Passed);
        json.WriteNumber("total", report.Total);
        json.WriteStartObject("groups");
        foreach (var (group, (passed, total)) in report.ByGroup)
        {
            json.WriteStartObject(group);
            json.WriteNumber("passed", passed);
            json.WriteNumber("total", total);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("cases");
        foreach (var c in report.Cases)
        {
            json.WriteStartObject();
            json.WriteString("key", c.Key);
            json.WriteString("suite", c.Suite);
            json.WriteString("caseId", c.CaseId);
            json.WriteBoolean("passed", c.Passed);
            json.WriteString("expected", c.Expected);
            json.WriteString("actual", c.Actual);
            if (c.Error is not null)
            {
                json.WriteString("error", c.Error);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A few lines: passed of total overall and per group, then the failing cases.</summary>
    public static string Summary(TckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { "all: " + TckRunner.Format(report.Passed, report.Total) };
        lines.AddRange(report.ByGroup.Select(g => $"{g.Key}: {TckRunner.Format(g.Value.Passed, g.Value.Total)}"));
        lines.AddRange(report.Cases.Where(c => !c.Passed).Select(c => $"FAILED {c.Key}: expected {c.Expected}; actual {c.Actual}{(c.Error is null ? "" : "; " + c.Error)}"));
        return string.Join(Environment.NewLine, lines);
    }
}
