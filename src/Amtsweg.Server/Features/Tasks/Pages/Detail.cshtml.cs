using System.Text.Json.Nodes;
using Amtsweg.Casework;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Forms;
using Amtsweg.Forms.Rendering;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;
using Amtsweg.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>
/// One task (issue 12.1 and 12.2): what it is about (process, Vorgang, due date, who works it), taking and handing
/// back, and its form rendered on the server. The submission is checked in the engine's command; a refused one shows
/// the form again with the values as sent, the error summary at the top and each message at its field.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DetailModel(IProcessEngine engine, TaskRows rows, TaskCallers callers, TaskFormCheck formCheck, FormSubmissionFiling filing, IStringLocalizer<Ui> text) : PageModel
{
    public TaskRow Row { get; private set; } = null!;

    /// <summary>The form's HTML (rendered by <see cref="FormRenderer"/>, every value encoded), or null for a task without form.</summary>
    public string? FormHtml { get; private set; }

    public string? Error { get; private set; }

    public TaskRows TaskRows => rows;

    /// <summary>The names of the task's candidate groups as clerks know them (a team's name, never its key).</summary>
    public IReadOnlyList<string> GroupNames { get; private set; } = [];

    /// <summary>The colleagues the task can be handed to (not its assignee), when the user may hand it over; else empty.</summary>
    public IReadOnlyList<Colleague> HandOverTo { get; private set; } = [];

    /// <summary>True when the task is assigned to the signed-in user, or to a colleague they stand in for.</summary>
    public bool IsMine => Row.Task.Assignee == User.Identity!.Name || (Row.Task.Assignee is not null && Row.StandInFor is not null);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, null, null, cancellationToken);

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await engine.ClaimUserTaskAsync(id, await callers.ForAsync(User, cancellationToken), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnclaimAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await engine.UnclaimUserTaskAsync(id, await callers.ForAsync(User, cancellationToken), cancellationToken), cancellationToken);

    /// <summary>Hands the task to a colleague (the assignee or Leitung); the engine checks that the colleague may work it.</summary>
    public async Task<IActionResult> OnPostDelegateAsync(Guid id, string? assignee, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(assignee) || await callers.ColleagueAsync(assignee, cancellationToken) is not { } target)
        {
            Error = text["Tasks.HandOverMissing"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(id, null, null, cancellationToken);
        }

        var result = await ActAsync(id, async () => await engine.DelegateUserTaskAsync(id, target, await callers.ForAsync(User, cancellationToken), cancellationToken), cancellationToken);
        if (result is not RedirectToPageResult)
        {
            return result;
        }

        var task = await engine.GetUserTaskAsync(id, cancellationToken);
        var colleague = (await callers.ColleaguesAsync(cancellationToken)).FirstOrDefault(c => c.UserName == target.UserId)?.DisplayName ?? target.UserId;
        TempData[InboxModel.NoticeKey] = text["Tasks.HandedOver", TaskRow.TitleOf(task, text["Tasks.Unnamed"]), colleague].Value;
        return RedirectToPage("Inbox");
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var submitted = FormPost.Read(Request.Form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key, [.. f.Value.OfType<string>()])));
        if (Request.Form.TryGetValue(FormListEdit.ButtonName, out var listButton))
        {
            // „Eintrag hinzufügen“ or „entfernen“ of a dynamic list: the form again with the list changed, nothing completed.
            return await ShowAsync(id, submitted, null, cancellationToken, listButton.ToString());
        }

        UserTaskInfo task;
        try
        {
            task = await engine.GetUserTaskAsync(id, cancellationToken);
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }

        try
        {
            var variables = submitted.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal);
            await filing.CompleteAsync(id, variables, await callers.ForAsync(User, cancellationToken), cancellationToken);
        }
        catch (TaskFormInvalidException invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(id, submitted, invalid.Errors, cancellationToken);
        }
        catch (Exception error) when (Refusals.TryDescribe(error, out var refusal))
        {
            Error = refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(id, submitted, null, cancellationToken);
        }

        TempData["Done"] = string.IsNullOrWhiteSpace(task.Name) ? null : task.Name.Trim();
        return RedirectToPage("Inbox");
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<UserTaskInfo>> act, CancellationToken cancellationToken)
    {
        try
        {
            await act();
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }
        catch (Exception error) when (Refusals.TryDescribe(error, out var refusal))
        {
            Error = refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(id, null, null, cancellationToken);
        }

        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(Guid id, JsonObject? submitted, IReadOnlyList<TaskFormError>? errors, CancellationToken cancellationToken, string? listButton = null)
    {
        UserTaskInfo task;
        try
        {
            task = await engine.GetUserTaskAsync(id, cancellationToken);
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }

        if (task.State != UserTaskState.Created)
        {
            // A finished task has no page of its own: the inbox says why (a colleague completed it meanwhile, the
            // process went on), and the Vorgang tells what happened.
            TempData[InboxModel.GoneKey] = Error ?? (task.State == UserTaskState.Completed
                ? "Diese Aufgabe ist bereits erledigt."
                : "Diese Aufgabe ist nicht mehr offen; der Prozess ist weitergegangen oder wurde beendet.");
            return RedirectToPage("Inbox");
        }

        Row = (await rows.ForAsync([task], await callers.ForAsync(User, cancellationToken), cancellationToken))[0];
        GroupNames = await callers.GroupNamesAsync(task.CandidateGroups, cancellationToken);
        if (IsMine || User.IsInRole(TaskCallers.ReassigningRole))
        {
            HandOverTo = [.. (await callers.ColleaguesAsync(cancellationToken)).Where(c => c.UserName != task.Assignee)];
        }
        if (await engine.GetUserTaskFormAsync(id, cancellationToken) is { } schema)
        {
            FormHtml = Render(schema, submitted ?? await engine.GetUserTaskVariablesAsync(id, cancellationToken), errors, listButton);
        }

        return Page();
    }

    private string Render(string schema, JsonObject data, IReadOnlyList<TaskFormError>? errors, string? listButton)
    {
        FormSchema form;
        try
        {
            form = formCheck.Read(schema);
        }
        catch (FormSchemaException error)
        {
            Error = $"Das Formular dieser Aufgabe kann nicht angezeigt werden: {error.Message} Bitte wenden Sie sich an die Prozessgestaltung.";
            return "";
        }

        var focus = listButton is null ? null : FormListEdit.Apply(form, data, listButton, formCheck.Options);
        return FormRenderer.Render(form, data, errors?.Select(e => new FormFieldError(e.Key, e.Message)).ToList(), formCheck.Options, focus: focus);
    }
}
