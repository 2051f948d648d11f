using System.Text.Json.Nodes;
using Amtsweg.Casework;
using Amtsweg.Engine;
using Amtsweg.Forms;
using Amtsweg.Forms.Rendering;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;
using Amtsweg.Records;
using Amtsweg.Server.Features.Aktenplan;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Features.Vorgaenge.Open;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Antraege.Start;

/// <summary>
/// "Antrag aufnehmen", second step (issue 12.4): the process's start form rendered on the server, and the Aktenplan
/// position and title of the new Vorgang. The submission is checked like a task form (hidden fields dropped, every
/// rule applied); a valid one opens the Vorgang, starts this version of the process in it with the checked values and
/// files the submission as PDF there, in one transaction (<see cref="FormSubmissionFiling.StartAsync"/>). A refused
/// one shows the page again with the values as sent and every error in one summary at the top. With <c>?vorgang=</c>
/// (from the Vorgang page, issue 12.3) the process starts in that open Vorgang, the submission filed there the same
/// way; there are no Vorgang fields then, and a closed Vorgang is refused before anything is checked or started.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class FormModel(IProcessEngine engine, RecordsReader reader, TaskFormCheck formCheck, FormSubmissionFiling filing, IStringLocalizer<Ui> text) : PageModel
{
    // Two leading underscores: FormPost leaves such names out, so they never mix with the start form's own keys.
    public const string PositionField = "__position";

    public const string TitleField = "__titel";

    public const string PositionId = "vorgang-position";

    public const string TitleId = "vorgang-titel";

    public string ProcessName { get; private set; } = "";

    /// <summary>The start form's HTML (every value encoded), or null for a process without start form.</summary>
    public string? FormHtml { get; private set; }

    public IReadOnlyList<SelectGroup> Positions { get; private set; } = [];

    public Guid? Position { get; private set; }

    public string? Title { get; private set; }

    /// <summary>The errors of the Vorgang fields: in the page's summary without start form, in the form's (after its own) with one.</summary>
    public PageErrors Errors { get; } = new();

    public string? Error { get; private set; }

    /// <summary>The Vorgang the process is started in (<c>?vorgang=</c>), or null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "vorgang")]
    public Guid? VorgangId { get; set; }

    /// <summary>That Vorgang, read.</summary>
    public VorgangSummary? Vorgang { get; private set; }

    /// <summary>True when the process cannot start because the chosen Vorgang is closed: the page shows why, no form.</summary>
    public bool VorgangClosed => Vorgang is not null && !IndexModel.IsOpen(Vorgang);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await DefinitionAsync(id, cancellationToken) is not { } definition || !await ReadVorgangAsync(cancellationToken))
        {
            return NotFound();
        }

        ProcessName = IndexModel.NameOf(definition);
        if (VorgangClosed)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Title = ProcessName;
        Positions = PositionChoices.Group(await reader.PositionsAsync(cancellationToken));
        if (await StartFormAsync(id, cancellationToken) is { } form)
        {
            FormHtml = Render(form, [], []);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await DefinitionAsync(id, cancellationToken) is not { } definition || !await ReadVorgangAsync(cancellationToken))
        {
            return NotFound();
        }

        ProcessName = IndexModel.NameOf(definition);
        if (VorgangClosed)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var positions = await reader.PositionsAsync(cancellationToken);
        Positions = PositionChoices.Group(positions);
        Title = Request.Form[TitleField].ToString();
        Position = Guid.TryParse(Request.Form[PositionField].ToString(), out var chosen) ? chosen : null;
        var submitted = FormPost.Read(Request.Form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key, [.. f.Value.OfType<string>()])));

        var form = await StartFormAsync(id, cancellationToken);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (form is not null && Request.Form.TryGetValue(FormListEdit.ButtonName, out var listButton))
        {
            // „Eintrag hinzufügen“ or „entfernen“ of a dynamic list: the form again with the list changed; nothing is
            // started, and nothing is checked yet.
            FormHtml = Render(form, submitted, [], listButton.ToString());
            return Page();
        }

        // Another municipality's position is not in this list: the same answer as no choice, nothing is started.
        if (Vorgang is null && (Position is not { } positionId || positions.All(p => p.Id != positionId)))
        {
            Errors.Add(PositionId, text["Antraege.PositionMissing"]);
        }

        if (Vorgang is null)
        {
            Errors.CheckTitle(TitleId, Title, text["Antraege.TitleMissing"], text["Records.TitleTooLong", PageErrors.MaxTitleLength]);
        }


        // The form is checked here too, so that its errors and those of the Vorgang fields are shown at once; the filing
        // checks it again before it starts anything.
        IReadOnlyList<TaskFormError> formErrors = [];
        if (form is not null)
        {
            try
            {
                formCheck.Check(form, submitted, []);
            }
            catch (TaskFormInvalidException invalid)
            {
                formErrors = invalid.Errors;
            }
        }

        if (Errors.IsEmpty && formErrors.Count == 0)
        {
            try
            {
                var target = Vorgang is null ? new VorgangTarget(PositionId: Position, Title: Title.Trim()) : new VorgangTarget(VorgangId: Vorgang.Id);
                var filed = await filing.StartAsync(definition, target, submitted, User.Identity!.Name!, cancellationToken);
                TempData[OpenVorgangPageModel.VorgangNoticeKey] = Vorgang is null ? "Antraege.Started" : "Antraege.StartedInVorgang";
                return Redirect(VorgangPage(filed.Vorgang.Id));
            }
            catch (ProcessIncidentException incident)
            {
                // Started and filed, but stopped at its first step: the Vorgang shows the process and its incident.
                if (incident.Incident?.ProcessInstanceId is { } instanceId && await reader.VorgangOfInstanceAsync(instanceId, cancellationToken) is { } vorgangId)
                {
                    TempData[OpenVorgangPageModel.VorgangNoticeKey] = "Antraege.StartedWithIncident";
                    return Redirect(VorgangPage(vorgangId));
                }

                Error = text["Antraege.Failed"];
            }
            catch (TaskFormInvalidException invalid)
            {
                formErrors = invalid.Errors;
            }
            catch (Exception error) when (Refusals.TryDescribe(error, out var refusal))
            {
                Error = refusal;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (form is not null)
        {
            FormHtml = Render(form, submitted, formErrors);
        }

        return Page();
    }

    // A process started from the Vorgang page returns to its processes; a new Vorgang opens at its Verlauf.
    private string VorgangPage(Guid vorgangId) =>
        Vorgang is null ? $"/vorgaenge/{vorgangId}" : DetailModel.SectionUrl(vorgangId, DetailModel.Sections.Prozesse);

    // False when a Vorgang was named that does not exist here (or belongs to another municipality).
    private async Task<bool> ReadVorgangAsync(CancellationToken cancellationToken)
    {
        if (VorgangId is not { } vorgangId)
        {
            return true;
        }

        Vorgang = (await reader.VorgangAsync(vorgangId, cancellationToken))?.Vorgang;
        return Vorgang is not null;
    }

    private async Task<ProcessDefinitionInfo?> DefinitionAsync(Guid id, CancellationToken cancellationToken) =>
        (await engine.ListProcessDefinitionsAsync(cancellationToken)).SingleOrDefault(d => d.Id == id);

    private async Task<string?> StartFormAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.GetStartFormAsync(id, cancellationToken);
        }
        catch (EngineObjectNotFoundException error)
        {
            // The definition is there (checked before): its linked form is not deployed, and the message names it.
            Error = error.Message;
            return null;
        }
    }

    private string? Render(string schema, JsonObject data, IReadOnlyList<TaskFormError> errors, string? listButton = null)
    {
        FormSchema form;
        try
        {
            form = formCheck.Read(schema);
        }
        catch (FormSchemaException error)
        {
            Error = text["Antraege.FormBroken", error.Message];
            return null;
        }

        var focus = listButton is null ? null : FormListEdit.Apply(form, data, listButton, formCheck.Options);
        return FormRenderer.Render(form, data, [.. errors.Select(e => new FormFieldError(e.Key, e.Message))], formCheck.Options, [.. Errors.All.Select(e => new FormPageError(e.FieldId, e.Message))], focus);
    }
}
