using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Casework;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Forms.Schema;
using Amtsweg.Server.Features.Processes.Approvals;
using Amtsweg.Server.Features.Processes.Changes;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/formulare/bearbeiten</c> (issue 13.2): the form-js editor for deployed forms (<c>.form</c> files, linked
/// from user tasks by <c>zeebe:formDefinition formId</c>), for Prozessgestaltung and Administration. Opens the latest
/// version of a deployed form (<c>?formular=</c>), a draft (<c>?entwurf=</c>) or a new form. Like the process modeler, the
/// browser posts the form's JSON with the antiforgery token as a header and gets JSON back: <c>?handler=Validate</c> (the
/// problems <c>Amtsweg.Forms</c> finds, with the component they are in), <c>?handler=Save</c> (the draft, refused when it
/// was saved from a stale copy) and <c>?handler=Deploy</c> (a new form version with a comment, or a request for a second
/// person's approval when the municipality has the Vier-Augen-Prinzip on: <see cref="DeploymentApprovals"/>). The text the designer
/// made is stored and deployed exactly as sent, so that it opens unchanged in Camunda Modeler.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.DesigningRoles)]
public sealed class FormEditorModel(IProcessEngine engine, TaskFormCheck formCheck, PlatformDbContext db, TenantContext tenant, TimeProvider clock, ILoggerFactory loggers) : PageModel
{
    private readonly ILogger _audit = loggers.CreateLogger(DeploymentApprovals.AuditCategory);

    /// <summary>True when „Bereitstellen“ makes a request for a second person's approval (Vier-Augen-Prinzip).</summary>
    public bool FourEyes { get; private set; }

    /// <summary>The form's request waiting for approval, or null.</summary>
    public DeploymentApproval? OpenRequest { get; private set; }

    /// <summary>The longest form the editor may send (characters); a town hall's form is far below.</summary>
    public const int MaxSchemaLength = 1024 * 1024;

    private const string Path = "/prozesse/formulare/bearbeiten";

    /// <summary>The form the editor opens (form-js JSON, as stored).</summary>
    public string Schema { get; private set; } = "";

    /// <summary>The form id, or empty for a new form.</summary>
    public string FormId { get; private set; } = "";

    /// <summary>The open draft, or null.</summary>
    public FormDraft? Draft { get; private set; }

    /// <summary>The display name of whoever saved the open draft last.</summary>
    public string? DraftSavedBy { get; private set; }

    /// <summary>The deployed version the form comes from, or null (a new form or a draft).</summary>
    public int? DeployedVersion { get; private set; }

    /// <summary>Opens a draft, the latest version of a deployed form, or a new form.</summary>
    public async Task<IActionResult> OnGetAsync(string? formular, Guid? entwurf, CancellationToken cancellationToken)
    {
        if (entwurf is { } draftId)
        {
            Draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (Draft is null)
            {
                return NotFound();
            }

            Schema = Draft.Schema;
            FormId = Draft.FormId;
            DraftSavedBy = await db.DisplayNameAsync(Draft.UpdatedBy, cancellationToken);
            await DescribeDeploymentAsync(FormId, cancellationToken);
            return Page();
        }

        if (!string.IsNullOrEmpty(formular))
        {
            // A designer who opens a form that already has a draft continues the draft, not a second copy.
            if (await db.FormDrafts.AsNoTracking().Where(d => d.FormId == formular).Select(d => d.Id).SingleOrDefaultAsync(cancellationToken) is var existing && existing != Guid.Empty)
            {
                return Redirect(DraftUrl(existing));
            }

            var latest = (await engine.ListFormDefinitionsAsync(cancellationToken)).FirstOrDefault(f => f.FormId == formular);
            if (latest is null)
            {
                return NotFound();
            }

            Schema = await engine.GetFormDefinitionSchemaAsync(latest.Id, cancellationToken);
            FormId = latest.FormId;
            DeployedVersion = latest.Version;
            await DescribeDeploymentAsync(FormId, cancellationToken);
            return Page();
        }

        Schema = NewForm($"Formular_{Guid.CreateVersion7():N}"[..21]);
        await DescribeDeploymentAsync(null, cancellationToken);
        return Page();
    }

    private async Task DescribeDeploymentAsync(string? formId, CancellationToken cancellationToken)
    {
        FourEyes = await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken);
        OpenRequest = formId is null ? null : await DeploymentApprovals.OpenRequestAsync(db, DeploymentApprovalKind.Form, formId, cancellationToken);
    }

    /// <summary>The checks of <c>Amtsweg.Forms</c> and the engine's deployment checks of a form, while editing.</summary>
    public IActionResult OnPostValidate(string? schema)
    {
        var read = Read(schema);
        if (read.Form is null)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        return new JsonResult(new ValidationAnswer(Problems(read.Form, schema!)));
    }

    /// <summary>
    /// Stores the form as the municipality's draft of its form id. <paramref name="revision"/> is the revision the browser
    /// loaded (0 for none): a save on a stale copy is refused with 409 and nothing is overwritten. A form with problems may
    /// be saved (a draft is work in progress); only its id must be there.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(string? schema, Guid? entwurf, int revision, CancellationToken cancellationToken)
    {
        var read = Read(schema);
        if (read.Form is null)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (IdProblem(read.Form) is { } idProblem)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, idProblem);
        }

        var formId = FormIdOf(read.Form)!;
        var me = User.Identity!.Name!;
        var now = clock.GetUtcNow();
        FormDraft draft;
        if (entwurf is { } draftId)
        {
            var found = await db.FormDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (found is null)
            {
                return ModelerModel.Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Ihr Formular ist nicht gespeichert; laden Sie es herunter, damit nichts verloren geht.");
            }

            if (found.Revision != revision)
            {
                return await StaleAsync(found, cancellationToken);
            }

            draft = found;
            draft.Schema = schema!;
            draft.FormId = formId;
            draft.Revision = revision + 1;
            draft.UpdatedBy = me;
            draft.UpdatedAt = now;
        }
        else
        {
            if (await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken) is { } other)
            {
                return await StaleAsync(other, cancellationToken);
            }

            draft = FormDraft.New(formId, schema!, me, now);
            db.FormDrafts.Add(draft);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another designer saved between our read and our write: the revision check in the UPDATE refused it.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draft.Id, cancellationToken), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (one draft per form id): saved at the same moment by someone else, or the id was changed to
            // one that already has a draft.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken), cancellationToken);
        }

        return new JsonResult(new SaveAnswer(draft.Id, draft.Revision, $"Entwurf gespeichert ({Display.DateTime(now)})."));
    }

    /// <summary>
    /// The form against the latest deployed version of its form id, line by line (<see cref="FormChanges"/>): an HTML
    /// fragment. A form that does not read or has no id is refused (400).
    /// </summary>
    public async Task<IActionResult> OnPostChangesAsync(string? schema, CancellationToken cancellationToken)
    {
        var read = Read(schema);
        if (read.Form is null)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (IdProblem(read.Form) is { } idProblem)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, idProblem);
        }

        var changes = await FormChanges.OfAsync(engine, FormIdOf(read.Form)!, schema!, cancellationToken);
        return new PartialViewResult
        {
            ViewName = FormChanges.View,
            ViewData = new ViewDataDictionary<FormChanges>(ViewData, changes),
        };
    }

    /// <summary>
    /// Deploys the form as a new version with the designer's comment; a form with problems is refused with them (422) and
    /// nothing is deployed. Tasks already created keep the version they were created with. The draft is removed.
    /// </summary>
    public async Task<IActionResult> OnPostDeployAsync(string? schema, string? comment, Guid? entwurf, int revision, CancellationToken cancellationToken)
    {
        comment = comment?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, "Bitte schreiben Sie in den Kommentar, was sich mit dieser Version ändert.");
        }

        if (comment.Length > DeploymentRequest.CommentMaxLength)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, $"Der Kommentar darf höchstens {DeploymentRequest.CommentMaxLength} Zeichen lang sein.");
        }

        var read = Read(schema);
        if (read.Form is null)
        {
            return ModelerModel.Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        FormDraft? draft = null;
        if (entwurf is { } draftId)
        {
            draft = await db.FormDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (draft is null)
            {
                return ModelerModel.Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Es wurde nichts bereitgestellt; laden Sie Ihr Formular herunter, damit nichts verloren geht.");
            }

            if (draft.Revision != revision)
            {
                return await StaleAsync(draft, cancellationToken);
            }
        }

        var problems = Problems(read.Form, schema!);
        if (problems.Count > 0)
        {
            return Unfit(problems);
        }

        var formId = FormIdOf(read.Form)!;
        if (await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken))
        {
            var resource = new DeploymentResource(formId + ".form", schema!);
            var errors = (await engine.ValidateDeploymentAsync(new DeploymentRequest(formId, [resource]), cancellationToken))
                .Where(p => p.Problem.Severity == Amtsweg.Bpmn.Validation.BpmnProblemSeverity.Error)
                .ToList();
            if (errors.Count > 0)
            {
                return Unfit([.. errors.Select(p => ModelerModel.ProblemOf(p.Problem))]);
            }

            // The draft stays until the approval: a rejected version is still there to be improved.
            return await DeploymentApprovals.RequestAsync(this, db, engine, _audit, new DeploymentApproval
            {
                Id = Guid.CreateVersion7(),
                Kind = DeploymentApprovalKind.Form,
                SubjectId = formId,
                ResourceName = resource.Name,
                Content = schema!,
                Comment = comment,
                DraftId = draft?.Id,
                DraftRevision = draft?.Revision,
                RequestedBy = User.Identity!.Name!,
                RequestedAt = clock.GetUtcNow(),
            }, cancellationToken);
        }

        DeploymentInfo deployment;
        try
        {
            deployment = await engine.DeployAsync(
                new DeploymentRequest(formId, [new DeploymentResource(formId + ".form", schema!)], User.Identity!.Name) { Comment = comment },
                cancellationToken);
        }
        catch (DeploymentFailedException e)
        {
            return Unfit([.. e.Problems.Select(p => ModelerModel.ProblemOf(p.Problem))]);
        }

        // The engine's store and the platform's are two databases: the draft goes after the deployment committed. Should
        // this fail, the draft stays and can be deleted on the forms page; the deployment is not undone.
        if (draft is not null)
        {
            db.FormDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
        }

        var info = deployment.Forms.Single(f => f.FormId == formId);
        var message = info.DeploymentId == deployment.Id
            ? $"Das Formular „{formId}“ ist als Version {info.Version} bereitgestellt. Aufgaben, die schon angelegt sind, behalten ihre Version."
            : $"Das Formular „{formId}“ ist unverändert; es bleibt bei Version {info.Version}.";
        TempData[ProcessPages.NoticeKey] = message;
        return new JsonResult(new DeployAnswer(message, FormsModel.PagePath));
    }

    /// <summary>Deletes a draft (from the forms page); another municipality's is not found.</summary>
    public async Task<IActionResult> OnPostDeleteDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var draft = await db.FormDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        db.FormDrafts.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        TempData[ProcessPages.NoticeKey] = $"Der Entwurf des Formulars „{draft.FormId}“ ist gelöscht.";
        return Redirect(FormsModel.PagePath);
    }

    /// <summary>The URL of the editor with a draft.</summary>
    public static string DraftUrl(Guid draftId) => $"{Path}?entwurf={draftId}";

    /// <summary>The URL of the editor with the latest version of a deployed form.</summary>
    public static string FormUrl(string formId) => $"{Path}?formular={Uri.EscapeDataString(formId)}";

    /// <summary>The URL of the editor with a new form.</summary>
    public static string NewFormUrl => Path;

    /// <summary>
    /// What keeps the form from being deployed: its id (as the engine requires it) and the first problem
    /// <c>Amtsweg.Forms</c> finds, at its component. The reader stops at the first problem, so a designer sees the next
    /// one when that is fixed.
    /// </summary>
    private List<ProblemItem> Problems(JsonObject form, string schema)
    {
        var problems = new List<ProblemItem>();
        if (IdProblem(form) is { } idProblem)
        {
            problems.Add(new ProblemItem("FORM-ID", "error", null, idProblem));
        }

        if (form["versionTag"] is { } tag && (tag is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length > 255))
        {
            problems.Add(new ProblemItem("FORM-VERSION-TAG", "error", null, "Das Versions-Tag des Formulars muss ein Text mit höchstens 255 Zeichen sein."));
        }

        try
        {
            formCheck.Read(schema);
        }
        catch (FormSchemaException e)
        {
            problems.Add(new ProblemItem("FORM-INVALID", "error", e.ComponentId, e.Message));
        }

        return problems;
    }

    private static JsonResult Unfit(IReadOnlyList<ProblemItem> problems) =>
        ModelerModel.Refused(StatusCodes.Status422UnprocessableEntity,
            "Nicht bereitgestellt: Das Formular hat Fehler. Bitte beheben Sie die aufgeführten Probleme und stellen Sie es dann erneut bereit.",
            problems);

    private static string? FormIdOf(JsonObject form) =>
        form["id"] is JsonValue value && value.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    private static string? IdProblem(JsonObject form) => FormIdOf(form) switch
    {
        null => "Das Formular hat keine ID (im Eigenschaftenfeld des Formulars: „ID“); ohne sie kann keine Aufgabe darauf verweisen.",
        { Length: > FormDraft.FormIdMaxLength } => $"Die ID des Formulars darf höchstens {FormDraft.FormIdMaxLength} Zeichen lang sein.",
        var id when id != id.Trim() => "Die ID des Formulars darf nicht mit Leerzeichen beginnen oder enden.",
        _ => null,
    };

    /// <summary>Reads the form the browser sent as a JSON object, or says in German why it cannot be read.</summary>
    internal static (JsonObject? Form, string? Refusal) Read(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return (null, "Es wurde kein Formular übermittelt.");
        }

        if (schema.Length > MaxSchemaLength)
        {
            return (null, $"Das Formular ist zu groß (höchstens {MaxSchemaLength / 1024 / 1024} MB).");
        }

        try
        {
            return JsonNode.Parse(schema, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is JsonObject form
                ? (form, null)
                : (null, "Das Formular ist kein JSON-Objekt, wie der Formular-Editor es schreibt.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (Zeile {line + 1}, Spalte {e.BytePositionInLine + 1})" : string.Empty;
            return (null, $"Das Formular ist kein lesbares JSON{where}.");
        }
    }

    private async Task<IActionResult> StaleAsync(FormDraft? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return ModelerModel.Refused(StatusCodes.Status409Conflict,
                "Der Entwurf wurde gerade von anderer Seite geändert. Ihr Formular ist nicht gespeichert; laden Sie es herunter, damit nichts verloren geht.");
        }

        var who = await db.DisplayNameAsync(current.UpdatedBy, cancellationToken);
        return ModelerModel.Refused(StatusCodes.Status409Conflict,
            $"Der Entwurf des Formulars „{current.FormId}“ wurde inzwischen von {who} gespeichert ({Display.DateTime(current.UpdatedAt)}). " +
            "Ihr Formular ist nicht gespeichert, damit nichts überschrieben wird: Laden Sie es herunter und übernehmen Sie Ihre Änderungen in den neueren Entwurf.");
    }


    /// <summary>A new form with one text field, in the format Camunda Modeler writes for Camunda 8.</summary>
    internal static string NewForm(string formId) => $$"""
        {
          "components": [
            {
              "label": "Name",
              "type": "textfield",
              "layout": { "row": "Row_1", "columns": null },
              "id": "Field_Name",
              "key": "name"
            }
          ],
          "type": "default",
          "id": "{{formId}}",
          "executionPlatform": "Camunda Cloud",
          "executionPlatformVersion": "8.6.0",
          "exporter": { "name": "Amtsweg", "version": "1.0" },
          "schemaVersion": 19
        }
        """;
}
