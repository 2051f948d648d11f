namespace Amtsweg.Feel.Tests;

/// <summary>Helpers that evaluate FEEL text and compare the rendered result.</summary>
internal static class FeelAssert
{
    public static FeelResult Evaluate(string text, FeelScope? scope = null, FeelEvaluationOptions? options = null) =>
        FeelParser.Evaluate(text, scope, options);

    /// <summary>Asserts the FEEL rendering of the result (strings quoted, lists as [a, b], contexts as {k: v}).</summary>
    public static void Renders(string expected, string text, FeelScope? scope = null)
    {
        var result = Evaluate(text, scope);
        Assert.False(result.HasError, result.ToString());
        Assert.Equal(expected, result.Value.ToString());
    }

    /// <summary>Asserts that the result is null and at least one warning explains why.</summary>
    public static void NullWithWarning(string text, FeelScope? scope = null)
    {
        var result = Evaluate(text, scope);
        Assert.True(result.Value.IsNull, $"expected null, got {result.Value}");
        Assert.NotEmpty(result.Diagnostics);
    }
}
