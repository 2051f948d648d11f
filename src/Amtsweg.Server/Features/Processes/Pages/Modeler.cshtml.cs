using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Approvals;
using Amtsweg.Server.Features.Processes.Changes;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/modellieren</c> (issue 13.2 and 13.4): the bpmn-js modeler with the Camunda 8 properties panel for
/// Prozessgestaltung and Administration. Opens the latest deployed version of a process (<c>?prozess=</c>), a draft
/// (<c>?entwurf=</c>) or a new diagram. The browser calls the handlers with the diagram's XML and the antiforgery token as a
/// header and gets JSON back: <c>?handler=Validate</c> (the engine's checks of a deployment while editing), <c>?handler=Save</c> (the
/// draft, refused when it was saved from a stale copy), <c>?handler=Changes</c> (the changes to the running version, as
/// an HTML fragment with the ids to mark) and <c>?handler=Deploy</c> (a new version with a comment, or, when the
/// municipality has the Vier-Augen-Prinzip on, a request that a second person approves: <see cref="DeploymentApprovals"/>).
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.DesigningRoles)]
public sealed class ModelerModel(IProcessEngine engine, PlatformDbContext db, TenantContext tenant, TimeProvider clock, IStringLocalizer<Ui> text, ILoggerFactory loggers) : PageModel
{
    private readonly ILogger _audit = loggers.CreateLogger(DeploymentApprovals.AuditCategory);

    /// <summary>The longest diagram the modeler may send (characters); a town hall's process is far below.</summary>
    public const int MaxXmlLength = 4 * 1024 * 1024;

    /// <summary>The diagram the modeler opens.</summary>
    public string Xml { get; private set; } = "";

    /// <summary>The heading: the process name, or a word for a new process.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The open draft, or null.</summary>
    public ProcessDraft? Draft { get; private set; }

    /// <summary>The display name of whoever saved the open draft last.</summary>
    public string? DraftSavedBy { get; private set; }

    /// <summary>The version of the deployed process the diagram comes from, or null (a new process or a draft).</summary>
    public int? DeployedVersion { get; private set; }

    /// <summary>The id of the deployed process the diagram comes from, or null (a new process or a draft).</summary>
    public string? ProcessId { get; private set; }

    /// <summary>True when „Bereitstellen“ makes a request for a second person's approval (Vier-Augen-Prinzip).</summary>
    public bool FourEyes { get; private set; }

    /// <summary>The process's request waiting for approval, or null.</summary>
    public DeploymentApproval? OpenRequest { get; private set; }

    /// <summary>Opens a draft, the latest version of a deployed process, or a new diagram.</summary>
    public async Task<IActionResult> OnGetAsync(string? prozess, Guid? entwurf, CancellationToken cancellationToken)
    {
        if (entwurf is { } draftId)
        {
            Draft = await db.ProcessDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (Draft is null)
            {
                return NotFound();
            }

            Xml = Draft.Xml;
            Title = Draft.Name ?? Draft.ProcessId;
            DraftSavedBy = await db.DisplayNameAsync(Draft.UpdatedBy, cancellationToken);
            await DescribeDeploymentAsync(Draft.ProcessId, cancellationToken);
            return Page();
        }

        if (!string.IsNullOrEmpty(prozess))
        {
            // A designer who opens a process that already has a draft continues the draft, not a second copy.
            if (await db.ProcessDrafts.AsNoTracking().Where(d => d.ProcessId == prozess).Select(d => d.Id).SingleOrDefaultAsync(cancellationToken) is var existing && existing != Guid.Empty)
            {
                return Redirect(DraftUrl(existing));
            }

            var catalog = await ProcessCatalog.LoadAsync(engine, cancellationToken);
            if (catalog.Processes.FirstOrDefault(p => p.ProcessId == prozess) is not { } process)
            {
                return NotFound();
            }

            var latest = process.Versions[0];
            Xml = await engine.GetProcessDefinitionXmlAsync(latest.Id, cancellationToken);
            Title = process.Name;
            DeployedVersion = latest.Version;
            ProcessId = process.ProcessId;
            await DescribeDeploymentAsync(process.ProcessId, cancellationToken);
            return Page();
        }

        Xml = NewDiagram(NewId("Prozess"));
        await DescribeDeploymentAsync(null, cancellationToken);
        return Page();
    }

    private async Task DescribeDeploymentAsync(string? processId, CancellationToken cancellationToken)
    {
        FourEyes = await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken);
        OpenRequest = processId is null ? null : await DeploymentApprovals.OpenRequestAsync(db, DeploymentApprovalKind.Process, processId, cancellationToken);
    }

    /// <summary>The engine's validation of the diagram being edited: every problem with its element and German message.</summary>
    public async Task<IActionResult> OnPostValidateAsync(string? xml, CancellationToken cancellationToken)
    {
        var read = Read(xml);
        if (read.Model is not { } model)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        // Every check of a deployment (job handlers' headers, forms, history time to live too), not the validator's alone.
        var name = ProcessOf(model)?.Id ?? "entwurf";
        var problems = await engine.ValidateDeploymentAsync(new DeploymentRequest(name, [new DeploymentResource(name + ".bpmn", xml!)]), cancellationToken);
        return new JsonResult(new ValidationAnswer([.. problems.Select(p => ProblemOf(p.Problem))]));
    }

    /// <summary>
    /// The changes of the diagram against the latest deployed version of its process (<see cref="ProcessChanges"/>): an HTML
    /// fragment with the German list and the ids of added and changed elements for the diagram's markers.
    /// </summary>
    public async Task<IActionResult> OnPostChangesAsync(string? xml, CancellationToken cancellationToken)
    {
        var read = Read(xml);
        if (read.Model is not { } model)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (ProcessOf(model) is not { } process)
        {
            return Refused(StatusCodes.Status400BadRequest, "Das Diagramm enthält keinen Prozess mit einer ID.");
        }

        var changes = await ChangesAsync(engine, text, process.Id!, model, cancellationToken);
        return new PartialViewResult
        {
            ViewName = ChangesView,
            ViewData = new ViewDataDictionary<ProcessChanges>(ViewData, changes),
        };
    }

    /// <summary>The partial view that shows <see cref="ProcessChanges"/>.</summary>
    public const string ChangesView = "/Features/Processes/Changes/_Changes.cshtml";

    /// <summary>The changes of <paramref name="model"/> against the latest deployed version of <paramref name="processId"/>.</summary>
    internal static async Task<ProcessChanges> ChangesAsync(IProcessEngine engine, IStringLocalizer<Ui> text, string processId, BpmnDefinitions model, CancellationToken cancellationToken)
    {
        var latest = (await engine.ListProcessDefinitionsAsync(cancellationToken))
            .Where(d => d.ProcessId == processId)
            .MaxBy(d => d.Version);
        if (latest is null)
        {
            return ProcessChanges.Of(text, null, null, model);
        }

        var deployed = BpmnReader.Parse(await engine.GetProcessDefinitionXmlAsync(latest.Id, cancellationToken));
        return ProcessChanges.Of(text, deployed, latest.Version, model);
    }

    /// <summary>
    /// Stores the diagram as the municipality's draft of its process. <paramref name="revision"/> is the revision the browser
    /// loaded (0 for none): a save on a stale copy is refused with 409 and nothing is overwritten.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(string? xml, Guid? entwurf, int revision, CancellationToken cancellationToken)
    {
        var read = Read(xml);
        if (read.Model is not { } model)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (ProcessOf(model) is not { } process)
        {
            return Refused(StatusCodes.Status400BadRequest, "Das Diagramm enthält keinen Prozess mit einer ID.");
        }

        if (process.Id!.Length > ProcessDraft.ProcessIdMaxLength)
        {
            return Refused(StatusCodes.Status400BadRequest, $"Die Prozess-ID darf höchstens {ProcessDraft.ProcessIdMaxLength} Zeichen lang sein.");
        }

        var me = User.Identity!.Name!;
        var now = clock.GetUtcNow();
        var name = Truncate(process.Name);
        ProcessDraft draft;
        if (entwurf is { } draftId)
        {
            var found = await db.ProcessDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (found is null)
            {
                return Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Ihr Diagramm ist nicht gespeichert; laden Sie es herunter, damit nichts verloren geht.");
            }

            if (found.Revision != revision)
            {
                return await StaleAsync(found, cancellationToken);
            }

            draft = found;
            draft.Xml = xml!;
            draft.ProcessId = process.Id;
            draft.Name = name;
            draft.Revision = revision + 1;
            draft.UpdatedBy = me;
            draft.UpdatedAt = now;
        }
        else
        {
            if (await db.ProcessDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == process.Id, cancellationToken) is { } other)
            {
                return await StaleAsync(other, cancellationToken);
            }

            draft = new ProcessDraft
            {
                Id = Guid.CreateVersion7(),
                ProcessId = process.Id,
                Name = name,
                Xml = xml!,
                Revision = 1,
                CreatedBy = me,
                CreatedAt = now,
                UpdatedBy = me,
                UpdatedAt = now,
            };
            db.ProcessDrafts.Add(draft);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another designer saved between our read and our write: the revision check in the UPDATE refused it.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.ProcessDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draft.Id, cancellationToken), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (one draft per process): another draft of this process id was saved at the same moment, or the
            // process id was changed to one that already has a draft.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.ProcessDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == process.Id, cancellationToken), cancellationToken);
        }

        return new JsonResult(new SaveAnswer(draft.Id, draft.Revision, $"Entwurf gespeichert ({Display.DateTime(now)})."));
    }

    /// <summary>
    /// Deploys the diagram as a new version with the designer's comment; a model with errors is refused with its problems
    /// (422) and nothing is deployed. Running instances stay on their version. The draft it came from is removed.
    /// </summary>
    public async Task<IActionResult> OnPostDeployAsync(string? xml, string? comment, Guid? entwurf, int revision, CancellationToken cancellationToken)
    {
        comment = comment?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            return Refused(StatusCodes.Status400BadRequest, "Bitte schreiben Sie in den Kommentar, was sich mit dieser Version ändert.");
        }

        if (comment.Length > DeploymentRequest.CommentMaxLength)
        {
            return Refused(StatusCodes.Status400BadRequest, $"Der Kommentar darf höchstens {DeploymentRequest.CommentMaxLength} Zeichen lang sein.");
        }

        var read = Read(xml);
        if (read.Model is not { } model)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (ProcessOf(model) is not { } process)
        {
            return Refused(StatusCodes.Status400BadRequest, "Das Diagramm enthält keinen Prozess mit einer ID.");
        }

        ProcessDraft? draft = null;
        if (entwurf is { } draftId)
        {
            draft = await db.ProcessDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (draft is null)
            {
                return Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Es wurde nichts bereitgestellt; laden Sie Ihr Diagramm herunter, damit nichts verloren geht.");
            }

            if (draft.Revision != revision)
            {
                return await StaleAsync(draft, cancellationToken);
            }
        }

        if (await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken))
        {
            return await RequestApprovalAsync(process, xml!, comment, draft, cancellationToken);
        }

        DeploymentInfo deployment;
        try
        {
            deployment = await engine.DeployAsync(
                new DeploymentRequest(process.Name ?? process.Id!, [new DeploymentResource(process.Id + ".bpmn", xml!)], User.Identity!.Name) { Comment = comment },
                cancellationToken);
        }
        catch (DeploymentFailedException e)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity,
                "Nicht bereitgestellt: Das Modell hat Fehler. Bitte beheben Sie die aufgeführten Probleme und stellen Sie es dann erneut bereit.",
                [.. e.Problems.Select(p => ProblemOf(p.Problem))]);
        }

        // The engine's store and the platform's are two databases: the draft goes after the deployment committed. Should
        // this fail, the draft stays and can be deleted on /prozesse; the deployment is not undone.
        if (draft is not null)
        {
            db.ProcessDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
        }

        var version = deployment.ProcessDefinitions.FirstOrDefault(d => d.ProcessId == process.Id)?.Version;
        var message = version is { } v
            ? $"„{process.Name ?? process.Id}“ ist als Version {v} bereitgestellt. Laufende Instanzen bleiben auf ihrer Version."
            : $"„{process.Name ?? process.Id}“ ist bereitgestellt.";
        TempData[ProcessPages.NoticeKey] = message;
        return new JsonResult(new DeployAnswer(message, "/prozesse"));
    }

    /// <summary>
    /// Under the Vier-Augen-Prinzip: checks the model as a deployment would (errors are refused with 422 and nothing is
    /// stored) and stores it as a request that a second person approves. The draft stays until the approval.
    /// </summary>
    private async Task<IActionResult> RequestApprovalAsync(BpmnProcess process, string xml, string comment, ProcessDraft? draft, CancellationToken cancellationToken)
    {
        if (process.Id!.Length > ProcessDraft.ProcessIdMaxLength)
        {
            return Refused(StatusCodes.Status400BadRequest, $"Die Prozess-ID darf höchstens {ProcessDraft.ProcessIdMaxLength} Zeichen lang sein.");
        }

        var resource = new DeploymentResource(process.Id + ".bpmn", xml);
        var errors = (await engine.ValidateDeploymentAsync(new DeploymentRequest(process.Id, [resource]), cancellationToken))
            .Where(p => p.Problem.Severity == BpmnProblemSeverity.Error)
            .ToList();
        if (errors.Count > 0)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity,
                "Nicht zur Freigabe vorgelegt: Das Modell hat Fehler. Bitte beheben Sie die aufgeführten Probleme und legen Sie es dann erneut vor.",
                [.. errors.Select(p => ProblemOf(p.Problem))]);
        }

        return await DeploymentApprovals.RequestAsync(this, db, engine, _audit, new DeploymentApproval
        {
            Id = Guid.CreateVersion7(),
            Kind = DeploymentApprovalKind.Process,
            SubjectId = process.Id,
            Name = Truncate(process.Name),
            ResourceName = resource.Name,
            Content = xml,
            Comment = comment,
            DraftId = draft?.Id,
            DraftRevision = draft?.Revision,
            RequestedBy = User.Identity!.Name!,
            RequestedAt = clock.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>Deletes a draft (from <c>/prozesse</c>); another municipality's is not found.</summary>
    public async Task<IActionResult> OnPostDeleteDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var draft = await db.ProcessDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        db.ProcessDrafts.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        TempData[ProcessPages.NoticeKey] = $"Der Entwurf „{draft.Name ?? draft.ProcessId}“ ist gelöscht.";
        return Redirect("/prozesse");
    }

    private async Task<IActionResult> StaleAsync(ProcessDraft? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return Refused(StatusCodes.Status409Conflict,
                "Der Entwurf wurde gerade von anderer Seite geändert. Ihr Diagramm ist nicht gespeichert; laden Sie es herunter, damit nichts verloren geht.");
        }

        var who = await db.DisplayNameAsync(current.UpdatedBy, cancellationToken);
        return Refused(StatusCodes.Status409Conflict,
            $"Der Entwurf „{current.Name ?? current.ProcessId}“ wurde inzwischen von {who} gespeichert ({Display.DateTime(current.UpdatedAt)}). " +
            "Ihr Diagramm ist nicht gespeichert, damit nichts überschrieben wird: Laden Sie es herunter und übernehmen Sie Ihre Änderungen in den neueren Entwurf.");
    }


    /// <summary>The URL of the modeler with a draft.</summary>
    public static string DraftUrl(Guid draftId) => $"/prozesse/modellieren?entwurf={draftId}";

    /// <summary>The URL of the modeler with the latest version of a deployed process.</summary>
    public static string ProcessUrl(string processId) => $"/prozesse/modellieren?prozess={Uri.EscapeDataString(processId)}";

    /// <summary>The process of a diagram that a draft or a deployment is about: its first executable one, else its first.</summary>
    internal static BpmnProcess? ProcessOf(BpmnDefinitions model) =>
        model.Processes.Where(p => !string.IsNullOrWhiteSpace(p.Id)).OrderBy(p => p.IsExecutable == false).FirstOrDefault();

    /// <summary>Reads the diagram the browser sent, or says in German why it cannot be read.</summary>
    internal static (BpmnDefinitions? Model, string? Refusal) Read(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return (null, "Es wurde kein Diagramm übermittelt.");
        }

        if (xml.Length > MaxXmlLength)
        {
            return (null, $"Das Diagramm ist zu groß (höchstens {MaxXmlLength / 1024 / 1024} MB).");
        }

        try
        {
            return (BpmnReader.Parse(xml), null);
        }
        catch (BpmnModelException e)
        {
            return (null, $"Das Diagramm ist kein lesbares BPMN: {e.MessageGerman}");
        }
    }

    internal static JsonResult Refused(int status, string message, IReadOnlyList<ProblemItem>? problems = null) =>
        new(new Refusal(message, problems ?? [])) { StatusCode = status };

    internal static ProblemItem ProblemOf(BpmnProblem problem) =>
        new(problem.Code, problem.Severity == BpmnProblemSeverity.Error ? "error" : "warning", problem.ElementId, problem.MessageGerman);

    private static string? Truncate(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim() is { Length: > ProcessDraft.NameMaxLength } long_ ? long_[..ProcessDraft.NameMaxLength] : name.Trim();

    private static string NewId(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}"[..(prefix.Length + 13)];

    /// <summary>A new executable process with one start event, in the dialect Camunda Modeler writes for Camunda 8.</summary>
    internal static string NewDiagram(string processId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_{processId}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Amtsweg" exporterVersion="1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
          <bpmn:process id="{processId}" name="Neuer Prozess" isExecutable="true">
            <bpmn:startEvent id="StartEvent_1" name="Antrag eingegangen" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{processId}">
              <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                <dc:Bounds x="182" y="162" width="36" height="36" />
              </bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}

/// <summary>One validation problem as the modeler shows it.</summary>
/// <param name="Code">The stable code (<see cref="BpmnProblemCodes"/>).</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="ElementId">The element it is about, or null.</param>
/// <param name="Message">The German message.</param>
public sealed record ProblemItem(string Code, string Severity, string? ElementId, string Message);

/// <summary>The answer of <c>?handler=Validate</c>.</summary>
public sealed record ValidationAnswer(IReadOnlyList<ProblemItem> Problems);

/// <summary>The answer of <c>?handler=Save</c>: the draft and its new revision.</summary>
public sealed record SaveAnswer(Guid Draft, int Revision, string Message);

/// <summary>The answer of <c>?handler=Deploy</c>: what happened, and where the browser goes next.</summary>
public sealed record DeployAnswer(string Message, string Next);

/// <summary>A refused call: why (German), and the problems of the model when they are the reason.</summary>
public sealed record Refusal(string Message, IReadOnlyList<ProblemItem> Problems);
