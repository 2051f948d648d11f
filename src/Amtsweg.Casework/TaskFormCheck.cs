using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amtsweg.Engine;
using Amtsweg.Forms;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;

namespace Amtsweg.Casework;

/// <summary>
/// The engine's check of task forms (<see cref="IUserTaskFormCheck"/>) with <c>Amtsweg.Forms</c>: a schema that cannot be
/// read is refused at deployment, and a completion stores only what the form asks for, validated on the server.
/// </summary>
public sealed class TaskFormCheck(TimeProvider clock) : IUserTaskFormCheck
{
    // Schemas come from the engine's cached models and deployed forms: few, and each read once. The bound only guards
    // against a process that deploys new forms all day.
    private const int MaxCachedSchemas = 1_000;

    private readonly ConcurrentDictionary<string, FormSchema> _schemas = new(StringComparer.Ordinal);

    private readonly FormOptions _options = FormOptions.Default with { Clock = clock };

    /// <summary>The options forms are rendered and validated with (the server's clock, German time).</summary>
    public FormOptions Options => _options;

    /// <inheritdoc />
    public string? ProblemWithSchema(string schema)
    {
        try
        {
            Read(schema);
            return null;
        }
        catch (FormSchemaException error)
        {
            return error.Message;
        }
    }

    /// <inheritdoc />
    public JsonObject Check(string schema, JsonObject submitted, JsonObject shown)
    {
        FormSchema form;
        try
        {
            form = Read(schema);
        }
        catch (FormSchemaException error)
        {
            // Deployment refuses such forms; one deployed before that check cannot be filled in until it is replaced.
            throw new InvalidEngineStateException($"Das Formular dieser Aufgabe kann nicht verwendet werden: {error.Message} Bitte wenden Sie sich an die Prozessgestaltung.");
        }

        var result = FormValidator.Validate(form, submitted, shown, _options);
        if (!result.IsValid)
        {
            throw new TaskFormInvalidException([.. result.Errors.Select(e => new TaskFormError(e.Key, e.Message))]);
        }

        return result.Data;
    }

    /// <summary>The schema, read once.</summary>
    /// <exception cref="FormSchemaException">It cannot be used.</exception>
    public FormSchema Read(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (_schemas.TryGetValue(schema, out var cached))
        {
            return cached;
        }

        var form = FormSchemaReader.Read(schema);
        if (_schemas.Count >= MaxCachedSchemas)
        {
            _schemas.Clear();
        }

        return _schemas.GetOrAdd(schema, form);
    }
}
