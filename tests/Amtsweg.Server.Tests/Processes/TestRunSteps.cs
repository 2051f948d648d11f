namespace Amtsweg.Server.Tests.Processes;

/// <summary>The fields of the test-run form's steps (<c>/prozesse/testen</c>) as the browser posts them.</summary>
internal static class TestRunSteps
{
    /// <summary>A step that completes a user task.</summary>
    public static IEnumerable<KeyValuePair<string, string>> TaskStep(int index, string elementId, string? values = null, string? role = null) =>
        Fields(index, ("Kind", "aufgabe"), ("Task", elementId), ("Values", values), ("Role", role));

    /// <summary>A step that delivers a message.</summary>
    public static IEnumerable<KeyValuePair<string, string>> MessageStep(int index, string name, string? correlationKey = null, string? variables = null) =>
        Fields(index, ("Kind", "nachricht"), ("Message", name), ("CorrelationKey", correlationKey), ("Variables", variables));

    /// <summary>A step that moves the virtual clock on.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ClockStep(int index, string duration) =>
        Fields(index, ("Kind", "zeit"), ("Duration", duration));

    /// <summary>The form's fields with the steps added.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, params IEnumerable<KeyValuePair<string, string>>[] steps)
    {
        foreach (var (key, value) in steps.SelectMany(s => s))
        {
            fields[key] = value;
        }

        return fields;
    }

    /// <summary>The form's fields (as a list, for handlers that take repeated names) with the steps added.</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, params IEnumerable<KeyValuePair<string, string>>[] steps)
    {
        fields.AddRange(steps.SelectMany(s => s));
        return fields;
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(int index, params (string Name, string? Value)[] fields) =>
        fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>($"schritt[{index}].{f.Name}", f.Value!));
}
