namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>A letter written in a scenario's run.</summary>
/// <param name="ElementId">The task that wrote it.</param>
/// <param name="Template">The letter template's key.</param>
/// <param name="Name">The letter template's name, for findings.</param>
/// <param name="Subject">The subject as rendered.</param>
/// <param name="Text">Salutation and text as rendered.</param>
public sealed record WrittenLetter(string ElementId, string Template, string Name, string Subject, string Text);

/// <summary>
/// Writes the letters of one scenario's run: the handler of the letter job type, which renders the task's letter
/// template with the instance's variables as the server does, and keeps what it wrote so that the expected letters
/// (<see cref="ScenarioExpectation.Letters"/>) can be compared. The engine knows no letter templates; the layer that has
/// them (a package's test, the municipality's test run) gives one.
/// </summary>
public interface IScenarioLetterWriter : IServiceTaskHandler
{
    /// <summary>The letters written so far, in order.</summary>
    IReadOnlyList<WrittenLetter> Written { get; }
}
