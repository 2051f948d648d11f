using Amtsweg.Feel;

namespace Amtsweg.Decisions;

/// <summary>Settings for evaluating DMN models.</summary>
public sealed record DmnEngineOptions
{
    /// <summary>The defaults.</summary>
    public static DmnEngineOptions Default { get; } = new();

    /// <summary>Settings for the FEEL evaluations (clock, time zone, step limits, cancellation).</summary>
    public FeelEvaluationOptions FeelOptions { get; init; } = FeelEvaluationOptions.Default;

    /// <summary>Maximum nesting of business knowledge model, decision service and function calls.</summary>
    public int MaxCallDepth { get; init; } = 200;

    /// <summary>Maximum number of messages kept per evaluation.</summary>
    public int MaxMessages { get; init; } = 200;
}
