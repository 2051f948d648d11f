using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;
using Amtsweg.Forms;
using Amtsweg.Forms.Schema;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Casework;

/// <summary>
/// Completes a user task and, when its instance is filed in a Vorgang and data was submitted, files the submission as
/// a PDF document "Formulareingabe: task name" (type <c>Formular</c>, sender the submitting user) in that Vorgang, in
/// the same transaction as the completion (ADR 0015). A refused completion files nothing; a closed Vorgang refuses the
/// completion, because the file would otherwise miss what the process decided on. Likewise a process started from its
/// start form ("Antrag aufnehmen") opens its Vorgang with the submission filed as "Formulareingabe: process name".
/// </summary>
public sealed class FormSubmissionFiling(
    IProcessEngine engine,
    ProcessVorgang processVorgang,
    RecordsCommandExecutor executor,
    UnitOfWork unitOfWork,
    TaskFormCheck formCheck,
    ProcessFiling processFiling,
    TimeProvider clock)
{
    /// <summary>The document type of filed form submissions.</summary>
    public const string DokumentType = "Formular";

    /// <summary>Completes the task with <paramref name="variables"/> on behalf of <paramref name="actor"/>.</summary>
    /// <exception cref="RecordsException">The Vorgang is closed (code <see cref="RecordsErrors.VorgangClosed"/>); nothing changed.</exception>
    /// <exception cref="ProcessIncidentException">The instance ran into an incident; the task stays open and nothing is filed.</exception>
    public Task CompleteAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables, string actor, CancellationToken cancellationToken) =>
        CompleteAsync(taskId, variables, actor, null, cancellationToken);

    /// <summary>Completes the task on behalf of <paramref name="caller"/>, whom the engine checks may work it.</summary>
    /// <exception cref="TaskAccessDeniedException">The caller may not work the task; nothing changed.</exception>
    public Task CompleteAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables, TaskCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CompleteAsync(taskId, variables, caller.UserId, caller, cancellationToken);
    }

    private async Task CompleteAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables, string actor, TaskCaller? caller, CancellationToken cancellationToken)
    {
        var task = await OpenTaskAsync(taskId, cancellationToken);
        var form = task is null ? null : await engine.GetUserTaskFormAsync(taskId, cancellationToken);
        if (form is not null)
        {
            // The filed PDF shows what the form lets through, checked before anything is staged; the engine checks again
            // inside its command, against the variables as they are then.
            variables = await CheckedAsync(taskId, form, variables, cancellationToken);
        }

        var vorgang = task is null || variables is not { Count: > 0 } ? null : await processVorgang.FindAsync(engine, task.ProcessInstanceId, cancellationToken);
        if (task is null || vorgang is null)
        {
            // The engine refuses an unknown or closed task with its own error.
            await CompleteTaskAsync(taskId, variables, actor, caller, cancellationToken);
            return;
        }

        var document = Submission(vorgang, "Aufgabe", string.IsNullOrWhiteSpace(task.Name) ? null : task.Name.Trim(), variables!, form, actor);

        // The PDF goes into the blob store before the transaction opens; inside it only rows are written.
        await executor.StageAsync(document, cancellationToken);
        await using var work = await unitOfWork.BeginAsync(CaseworkModules.RecordsAndEngine, cancellationToken);
        try
        {
            try
            {
                await CompleteTaskAsync(taskId, variables, actor, caller, cancellationToken);
            }
            catch (ProcessIncidentException)
            {
                // The engine rolled the completion back and recorded the incident in this transaction: keep the incident.
                await work.CommitAsync(cancellationToken);
                throw;
            }

            await executor.ExecuteAsync(document, actor, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        catch (RecordsException error) when (error.Code == RecordsErrors.VorgangClosed)
        {
            throw new RecordsException(error.Code,
                $"Die Aufgabe wurde nicht abgeschlossen: Der Vorgang {vorgang.Aktenzeichen} ist zu den Akten verfügt (zdA), die Formulareingabe kann dort nicht abgelegt werden. Nehmen Sie den Vorgang zuerst wieder auf.");
        }
    }

    /// <summary>
    /// Starts <paramref name="definition"/> in the Vorgang of <paramref name="target"/> with what was entered in its start
    /// form: the submission is checked like a task form (hidden fields dropped, every rule of the form applied), and the
    /// checked values are the start variables and are filed as a PDF in the Vorgang, all in one transaction. A process
    /// without start form starts with <paramref name="submitted"/> as its variables (none from the pages).
    /// </summary>
    /// <exception cref="TaskFormInvalidException">The submission does not satisfy the start form; nothing changed.</exception>
    /// <exception cref="InvalidEngineStateException">The start form cannot be read; nothing changed.</exception>
    /// <exception cref="RecordsException">The target is invalid, missing or closed; nothing changed.</exception>
    /// <exception cref="ProcessIncidentException">The instance is filed with the submission, but ran into an incident.</exception>
    public async Task<FiledInstance> StartAsync(ProcessDefinitionInfo definition, VorgangTarget target, JsonObject submitted, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(submitted);
        var form = await engine.GetStartFormAsync(definition.Id, cancellationToken);

        // A start form shows no process data yet: nothing is shown that a hidden or read-only field could keep.
        var data = form is null ? submitted : formCheck.Check(form, submitted, []);
        var variables = data.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal);
        var name = string.IsNullOrWhiteSpace(definition.Name) ? null : definition.Name.Trim();
        Func<Vorgang, CancellationToken, Task>? file = variables.Count == 0 ? null : async (vorgang, ct) =>
        {
            // The Aktenzeichen of a new Vorgang exists only inside the transaction, so the PDF is rendered and staged
            // here; it is one small page, and the locks held meanwhile are those of the new Akte's counter.
            var document = Submission(vorgang, "Prozess", name, variables, form, actor);
            await executor.StageAsync(document, ct);
            await executor.ExecuteAsync(document, actor, ct);
        };
        return await processFiling.StartAsync(definition.ProcessId, definition.Id, target, variables, actor, file, cancellationToken);
    }

    /// <summary>
    /// The submission as a PDF, titled and named after the task's or process's name (<paramref name="kind"/> says which);
    /// without a name simply "Formulareingabe": ids are no names for people (form-js schemas carry no title to fall back on).
    /// </summary>
    private AddDokumentCommand Submission(Vorgang vorgang, string kind, string? name, IReadOnlyDictionary<string, object?> variables, string? form, string actor)
    {
        var title = name is null ? "Formulareingabe" : "Formulareingabe: " + name;
        var now = BerlinTime.Now(clock);
        var head = new List<PdfField>
        {
            new("Aktenzeichen", vorgang.Aktenzeichen),
            new("Eingereicht von", actor),
            new("Eingereicht am", now.ToString("dd.MM.yyyy, HH:mm 'Uhr'", CultureInfo.GetCultureInfo("de-DE"))),
        };
        if (name is not null)
        {
            head.Insert(1, new(kind, name));
        }

        var content = new PdfContent(title, head, Fields(variables, form is null ? null : FormSchemaReader.Read(form)), []);
        var fileName = DokumentFileName.From(name is null ? null : "Formulareingabe " + name, "Formulareingabe", ".pdf");
        var metadata = new DokumentMetadata(title, DateOnly.FromDateTime(now.DateTime), DokumentType, actor, null, Confidentiality.Internal, fileName, "application/pdf");
        return new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(PdfWriter.Write(content))) { Text = content.ToPlainText() };
    }

    private Task CompleteTaskAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables, string actor, TaskCaller? caller, CancellationToken cancellationToken) =>
        caller is null
            ? engine.CompleteUserTaskAsync(taskId, variables, actor, cancellationToken)
            : engine.CompleteUserTaskAsync(taskId, caller, variables, cancellationToken);

    private async Task<IReadOnlyDictionary<string, object?>> CheckedAsync(Guid taskId, string form, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        var shown = await engine.GetUserTaskVariablesAsync(taskId, cancellationToken);
        var data = formCheck.Check(form, Json(variables ?? new Dictionary<string, object?>()), shown);
        return data.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal);
    }

    private static JsonObject Json(IReadOnlyDictionary<string, object?> variables)
    {
        var json = new JsonObject();
        foreach (var (name, value) in variables)
        {
            json[name] = FeelConvert.ToJson(FeelConvert.FromObject(value));
        }

        return json;
    }

    private async Task<UserTaskInfo?> OpenTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        try
        {
            var task = await engine.GetUserTaskAsync(taskId, cancellationToken);
            return task.State == UserTaskState.Created ? task : null;
        }
        catch (EngineObjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The submitted values: the form's answered fields first, in the form's order, with its labels and the labels of the
    /// chosen options (<see cref="FormAnswers"/>), then the variables the form does not bind, by name.
    /// </summary>
    internal static List<PdfField> Fields(IReadOnlyDictionary<string, object?> variables, FormSchema? form)
    {
        var fields = new List<PdfField>();
        IReadOnlySet<string> bound = new HashSet<string>();
        if (form is not null)
        {
            fields.AddRange(FormAnswers.Read(form, Json(variables)).Select(a => new PdfField(a.Label, Text(a.Value))));
            bound = FormAnswers.Bindings(form);
        }

        foreach (var (name, value) in variables.Where(v => !bound.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            fields.Add(new PdfField(name, Text(value)));
        }

        return fields;
    }

    private static string Text(object? value) => value switch
    {
        JsonArray items => string.Join(", ", items.Select(Text)),
        JsonObject json => json.ToJsonString(),
        JsonValue json => json.GetValueKind() switch
        {
            JsonValueKind.String => json.GetValue<string>(),
            JsonValueKind.True => "ja",
            JsonValueKind.False => "nein",
            JsonValueKind.Number => TextTemplate.Format(json.GetValue<decimal>()),
            _ => json.ToJsonString(),
        },
        _ => TextTemplate.Format(value),
    };
}
