using Amtsweg.Engine.Simulation.Scenarios;

namespace Amtsweg.Library.Packages;

/// <summary>What <see cref="PackageValidator"/> found.</summary>
/// <param name="Files">The package's files.</param>
/// <param name="Manifest">The manifest, or null when it is missing or could not be read.</param>
/// <param name="Problems">Every problem, by file; the package is valid when there is none.</param>
/// <param name="Warnings">What the engine warns about (not a reason to refuse the package).</param>
/// <param name="Scenarios">The scenarios that were read, by path, in order.</param>
public sealed record PackageValidation(
    PackageFiles Files,
    PackageManifest? Manifest,
    IReadOnlyList<PackageProblem> Problems,
    IReadOnlyList<PackageProblem> Warnings,
    IReadOnlyList<ScenarioFile> Scenarios)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.Count == 0 && Manifest is not null;

    /// <summary>Every line of the result: one per problem (<c>file: element: message</c>), last <c>valid</c> or <c>N problems</c>.</summary>
    public IReadOnlyList<string> Lines() =>
        [.. Problems.Select(p => p.ToString()), IsValid ? "valid" : $"{Problems.Count} problems"];
}
