namespace Amtsweg.Feel;

/// <summary>How serious a diagnostic is.</summary>
public enum FeelSeverity
{
    /// <summary>Evaluation went on; the affected part became null (e.g. <c>1 + "a"</c>).</summary>
    Warning,

    /// <summary>Evaluation was stopped (e.g. the recursion or step limit); the result is null.</summary>
    Error,
}

/// <summary>
/// A message of the FEEL library: a stable code (<c>feel.unknown-name</c>), the English text and the German text.
/// English stays the library's default (<see cref="FeelDiagnostic.Message"/>, <see cref="Exception.Message"/>), as a
/// standalone .NET library is expected to speak it; hosts that show messages to German users (the Amtsweg engine's
/// incidents, the BPMN validation) take <see cref="German"/>.
/// </summary>
/// <param name="Code">A stable code, <c>feel.</c> and kebab-case.</param>
/// <param name="English">The message in English.</param>
/// <param name="German">The same message in German.</param>
public sealed record FeelMessage(string Code, string English, string German)
{
    /// <summary>The code of messages a host function gave as plain text.</summary>
    public const string HostCode = "feel.host-function";

    /// <summary>A message from a host function that gave one text only (used for both languages).</summary>
    public static FeelMessage FromHost(string message) => new(HostCode, message, message);

    /// <summary>The message with a prefix in both languages (e.g. the function's name).</summary>
    public FeelMessage Prefixed(string prefix) => this with { English = prefix + English, German = prefix + German };
}

/// <summary>A message from evaluation.</summary>
/// <param name="Severity">Warning or error.</param>
/// <param name="Message">A readable English message.</param>
public sealed record FeelDiagnostic(FeelSeverity Severity, string Message)
{
    /// <summary>Creates a diagnostic from a message in both languages.</summary>
    public FeelDiagnostic(FeelSeverity severity, FeelMessage text)
        : this(severity, (text ?? throw new ArgumentNullException(nameof(text))).English)
    {
        Code = text.Code;
        MessageGerman = text.German;
    }

    /// <summary>A stable code (see <see cref="FeelMessage.Code"/>).</summary>
    public string Code { get; init; } = FeelMessage.HostCode;

    /// <summary>The message in German, for hosts with German users.</summary>
    public string MessageGerman { get; init; } = Message;

    /// <inheritdoc />
    public override string ToString() => Severity + ": " + Message;
}

/// <summary>The outcome of an evaluation: a value (null on errors) and the diagnostics collected on the way.</summary>
public sealed class FeelResult
{
    internal FeelResult(FeelValue value, IReadOnlyList<FeelDiagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>The result value; <see cref="FeelValue.Null"/> when evaluation failed.</summary>
    public FeelValue Value { get; }

    /// <summary>Warnings and at most one error, in the order they happened.</summary>
    public IReadOnlyList<FeelDiagnostic> Diagnostics { get; }

    /// <summary>True if evaluation was stopped by an error.</summary>
    public bool HasError => Diagnostics.Any(static d => d.Severity == FeelSeverity.Error);

    /// <inheritdoc />
    public override string ToString() => Value + (Diagnostics.Count == 0 ? string.Empty : " (" + string.Join("; ", Diagnostics) + ")");
}

/// <summary>Settings for one evaluation. Immutable; <see cref="Default"/> is shared.</summary>
public sealed record FeelEvaluationOptions
{
    /// <summary>The defaults: system clock, call depth 256, one million steps (well under a second).</summary>
    public static FeelEvaluationOptions Default { get; } = new();

    /// <summary>The clock for <c>now()</c> and <c>today()</c>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The zone <c>today()</c> and <c>now()</c> use (default: UTC; hosts pass Europe/Berlin).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Maximum nesting of function calls (user-defined functions, host functions, built-ins calling back).</summary>
    public int MaxCallDepth { get; init; } = 256;

    /// <summary>Maximum number of evaluation steps (expression nodes and loop iterations) before evaluation stops.</summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>Maximum length of one string value, in UTF-16 units. A longer result stops the evaluation.</summary>
    public int MaxStringLength { get; init; } = 1_000_000;

    /// <summary>Maximum number of items of one list or entries of one context.</summary>
    public int MaxListLength { get; init; } = 100_000;

    /// <summary>
    /// Maximum memory one evaluation may create for values (strings count two bytes a character, list items and context
    /// entries eight bytes each), so that a few doublings cannot take the host's memory.
    /// </summary>
    public long MaxAllocatedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Maximum time one evaluation may run, read from <see cref="Clock"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cancels a long evaluation; checked at every step.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Settings for parsing.</summary>
public sealed record FeelParseOptions
{
    /// <summary>The defaults: no extra names, built-in types only.</summary>
    public static FeelParseOptions Default { get; } = new();

    /// <summary>
    /// Names the expression may refer to, in particular names with spaces or operators (<c>Applicant Age</c>,
    /// <c>Income-Other</c>), which FEEL can only split correctly when it knows them (DMN 1.5).
    /// </summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = [];

    /// <summary>Resolves type names that are not built in (e.g. DMN item definitions) for <c>instance of</c> and typed parameters.</summary>
    public Func<string, FeelType?>? TypeResolver { get; init; }

    /// <summary>Maximum length of the text in characters.</summary>
    public int MaxLength { get; init; } = 1_000_000;

    /// <summary>Maximum nesting depth of the syntax (brackets, operators, nested expressions).</summary>
    public int MaxDepth { get; init; } = 200;
}
