namespace Amtsweg.Decisions.Tck;

/// <summary>One TCK test-suite file (<c>*-test-01.xml</c>).</summary>
/// <param name="Path">The file path.</param>
/// <param name="ModelName">The file name of the model under test, if given.</param>
/// <param name="Cases">The test cases.</param>
public sealed record TckSuite(string Path, string? ModelName, IReadOnlyList<TckCase> Cases);

/// <summary>What a test case invokes.</summary>
public enum TckCaseType
{
    /// <summary>Decisions named by the result nodes.</summary>
    Decision,

    /// <summary>A business knowledge model.</summary>
    Bkm,

    /// <summary>A decision service named by <c>invocableName</c>.</summary>
    DecisionService,
}

/// <summary>One test case.</summary>
/// <param name="Id">Case id (unique in its suite).</param>
/// <param name="Type">What it invokes.</param>
/// <param name="InvocableName">For a decision service or BKM case, the invocable's name.</param>
/// <param name="Description">Description, if given.</param>
/// <param name="Inputs">Input nodes.</param>
/// <param name="Results">Expected result nodes.</param>
public sealed record TckCase(
    string Id,
    TckCaseType Type,
    string? InvocableName,
    string? Description,
    IReadOnlyList<TckInput> Inputs,
    IReadOnlyList<TckResult> Results);

/// <summary>An input node: a value for an input data (or input decision) by name.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Namespace">The namespace of the model holding the node, for imported inputs.</param>
/// <param name="Value">The value.</param>
public sealed record TckInput(string Name, string? Namespace, TckValue Value);

/// <summary>An expected result node.</summary>
/// <param name="Name">The decision name.</param>
/// <param name="Namespace">The namespace of the model holding the decision, if not the main model.</param>
/// <param name="ErrorResult">Whether the evaluation is expected to report an error.</param>
/// <param name="Expected">The expected value, or <see langword="null"/> when not given.</param>
public sealed record TckResult(string Name, string? Namespace, bool ErrorResult, TckValue? Expected);
