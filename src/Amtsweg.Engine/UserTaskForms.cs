using System.Text.Json.Nodes;

namespace Amtsweg.Engine;

/// <summary>
/// Checks the forms of user tasks for the engine. The engine does not read form-js schemas itself (DESIGN.md: the engine
/// and the forms module do not know each other); the composition registers an implementation with
/// <c>Amtsweg.Forms</c> (Casework's <c>TaskFormCheck</c>). Without one, the engine stores what a completion sends.
/// </summary>
public interface IUserTaskFormCheck
{
    /// <summary>Why a form schema cannot be used (German, names the component), or null when it can. Called at deployment.</summary>
    string? ProblemWithSchema(string schema);

    /// <summary>
    /// The values to store for a submission: only what the form asks for, typed. Called inside the completion command,
    /// after the permission checks and before anything changes.
    /// </summary>
    /// <param name="schema">The task's form.</param>
    /// <param name="submitted">What the caller sent.</param>
    /// <param name="shown">The variables the task sees: what the form was shown with.</param>
    /// <exception cref="TaskFormInvalidException">The submission does not satisfy the form.</exception>
    JsonObject Check(string schema, JsonObject submitted, JsonObject shown);
}

/// <summary>A field of a task's form that a submission did not satisfy.</summary>
/// <param name="Key">The field's binding (with the list index inside dynamic lists, <c>kinder[0].name</c>).</param>
/// <param name="Message">The German message for the field.</param>
public sealed record TaskFormError(string Key, string Message);

/// <summary>A task completion (or a process start) that does not satisfy the task's form (or start form); nothing changed.</summary>
public sealed class TaskFormInvalidException : ProcessEngineException
{
    /// <summary>Creates the exception with the field errors.</summary>
    public TaskFormInvalidException(IReadOnlyList<TaskFormError> errors)
        : base(Summary(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public TaskFormInvalidException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskFormInvalidException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a cause.</summary>
    public TaskFormInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    private TaskFormInvalidException(string message, IReadOnlyList<TaskFormError> errors)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>The field errors, in the form's order.</summary>
    public IReadOnlyList<TaskFormError> Errors { get; }

    /// <summary>A process start whose variables do not satisfy the process's start form; nothing was started.</summary>
    public static TaskFormInvalidException ForStartForm(IReadOnlyList<TaskFormError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var summary = errors.Count switch
        {
            0 => "Die Eingaben passen nicht zum Startformular des Prozesses.",
            1 => "Die Eingaben passen nicht zum Startformular des Prozesses: ein Feld ist nicht richtig ausgefüllt.",
            _ => $"Die Eingaben passen nicht zum Startformular des Prozesses: {errors.Count} Felder sind nicht richtig ausgefüllt.",
        };
        return new TaskFormInvalidException(summary, errors);
    }

    private static string Summary(IReadOnlyList<TaskFormError> errors) => errors.Count switch
    {
        0 => "Die Eingaben passen nicht zum Formular der Aufgabe.",
        1 => "Die Eingaben passen nicht zum Formular der Aufgabe: ein Feld ist nicht richtig ausgefüllt.",
        _ => $"Die Eingaben passen nicht zum Formular der Aufgabe: {errors.Count} Felder sind nicht richtig ausgefüllt.",
    };
}
