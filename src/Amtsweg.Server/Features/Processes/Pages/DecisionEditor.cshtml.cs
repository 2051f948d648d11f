using Amtsweg.Data.Tenancy;
using Amtsweg.Decisions;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Approvals;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/entscheidungen/bearbeiten</c> (issue 13.2): dmn-js (decision requirements diagram, decision tables,
/// literal expressions) for the municipality's DMN files, for Prozessgestaltung and Administration. Opens the file of the latest version of
/// a deployed decision (<c>?entscheidung=</c>), a draft (<c>?entwurf=</c>) or a new decision table. As in the process
/// modeler and the form editor, the browser posts the XML with the antiforgery token as a header and gets JSON back:
/// <c>?handler=Validate</c> (the problems <see cref="DmnCheck"/> finds, with the decision, rule and column they are in),
/// <c>?handler=Save</c> (the draft, refused when it was saved from a stale copy) and <c>?handler=Deploy</c> (a new version
/// of each decision in the file, with a comment, or a request for a second person's approval when the municipality has the
/// Vier-Augen-Prinzip on: <see cref="DeploymentApprovals"/>). The XML is stored and deployed exactly as dmn-js exported it, so that it
/// opens unchanged in Camunda Modeler.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.DesigningRoles)]
public sealed class DecisionEditorModel(IProcessEngine engine, PlatformDbContext db, TenantContext tenant, TimeProvider clock, ILoggerFactory loggers) : PageModel
{
    private readonly ILogger _audit = loggers.CreateLogger(DeploymentApprovals.AuditCategory);

    /// <summary>The longest DMN file the editor may send (characters); a town hall's decision tables are far below.</summary>
    public const int MaxXmlLength = 2 * 1024 * 1024;

    private const string Path = "/prozesse/entscheidungen/bearbeiten";

    /// <summary>The DMN XML the editor opens, as stored.</summary>
    public string Xml { get; private set; } = "";

    /// <summary>The name (or id) of the decision or file the page is about, or empty for a new decision.</summary>
    public string Label { get; private set; } = "";

    /// <summary>The open draft, or null.</summary>
    public DecisionDraft? Draft { get; private set; }

    /// <summary>The display name of whoever saved the open draft last.</summary>
    public string? DraftSavedBy { get; private set; }

    /// <summary>The deployed version the file comes from, or null (a new decision or a draft).</summary>
    public int? DeployedVersion { get; private set; }

    /// <summary>True when „Bereitstellen“ makes a request for a second person's approval (Vier-Augen-Prinzip).</summary>
    public bool FourEyes { get; private set; }

    /// <summary>The file's request waiting for approval, or null.</summary>
    public DeploymentApproval? OpenRequest { get; private set; }

    /// <summary>Opens a draft, the file of the latest version of a deployed decision, or a new decision table.</summary>
    public async Task<IActionResult> OnGetAsync(string? entscheidung, Guid? entwurf, CancellationToken cancellationToken)
    {
        if (entwurf is { } draftId)
        {
            Draft = await db.DecisionDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (Draft is null)
            {
                return NotFound();
            }

            Xml = Draft.Xml;
            Label = Draft.Name ?? Draft.DefinitionsId;
            DraftSavedBy = await db.DisplayNameAsync(Draft.UpdatedBy, cancellationToken);
            await DescribeDeploymentAsync(Draft.DefinitionsId, cancellationToken);
            return Page();
        }

        if (!string.IsNullOrEmpty(entscheidung))
        {
            var latest = (await engine.ListDecisionDefinitionsAsync(cancellationToken)).FirstOrDefault(d => d.DecisionId == entscheidung);
            if (latest is null)
            {
                return NotFound();
            }

            Xml = await engine.GetDecisionDefinitionXmlAsync(latest.Id, cancellationToken);
            // A designer who opens a decision whose file already has a draft continues the draft, not a second copy.
            if (Read(Xml).Definitions?.Id is { } definitionsId
                && await db.DecisionDrafts.AsNoTracking().Where(d => d.DefinitionsId == definitionsId).Select(d => d.Id).SingleOrDefaultAsync(cancellationToken) is var existing
                && existing != Guid.Empty)
            {
                return Redirect(DraftUrl(existing));
            }

            Label = latest.Name ?? latest.DecisionId;
            DeployedVersion = latest.Version;
            await DescribeDeploymentAsync(Read(Xml).Definitions?.Id, cancellationToken);
            return Page();
        }

        Xml = NewDecision(Guid.CreateVersion7().ToString("N")[..12]);
        await DescribeDeploymentAsync(null, cancellationToken);
        return Page();
    }

    private async Task DescribeDeploymentAsync(string? definitionsId, CancellationToken cancellationToken)
    {
        FourEyes = await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken);
        OpenRequest = string.IsNullOrEmpty(definitionsId) ? null : await DeploymentApprovals.OpenRequestAsync(db, DeploymentApprovalKind.Decision, definitionsId, cancellationToken);
    }

    /// <summary>The checks of <see cref="DmnCheck"/> while editing: each problem with its decision, rule and column.</summary>
    public IActionResult OnPostValidate(string? xml)
    {
        var read = Read(xml);
        if (read.Definitions is null)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        return new JsonResult(new DecisionValidationAnswer(Problems(read.Definitions)));
    }

    /// <summary>
    /// Stores the file as the municipality's draft of its definitions id. <paramref name="revision"/> is the revision the
    /// browser loaded (0 for none): a save on a stale copy is refused with 409 and nothing is overwritten. A file with
    /// problems may be saved (a draft is work in progress); it must read as DMN and have an id.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(string? xml, Guid? entwurf, int revision, CancellationToken cancellationToken)
    {
        var read = Read(xml);
        if (read.Definitions is null)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        if (IdProblem(read.Definitions) is { } idProblem)
        {
            return Refused(StatusCodes.Status400BadRequest, idProblem);
        }

        var definitions = read.Definitions;
        var definitionsId = definitions.Id!;
        var decisionIds = string.Join(' ', definitions.Decisions.Select(d => d.Id));
        if (decisionIds.Length > DecisionDraft.DecisionIdsMaxLength)
        {
            return Refused(StatusCodes.Status400BadRequest, $"Die Datei hat zu viele Entscheidungen für einen Entwurf (die IDs dürfen zusammen höchstens {DecisionDraft.DecisionIdsMaxLength} Zeichen lang sein).");
        }

        var name = string.IsNullOrWhiteSpace(definitions.Name) ? null : definitions.Name.Trim() is { Length: > DecisionDraft.NameMaxLength } long_ ? long_[..DecisionDraft.NameMaxLength] : definitions.Name.Trim();
        var me = User.Identity!.Name!;
        var now = clock.GetUtcNow();
        DecisionDraft draft;
        if (entwurf is { } draftId)
        {
            var found = await db.DecisionDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (found is null)
            {
                return Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Ihre Entscheidung ist nicht gespeichert; laden Sie sie herunter, damit nichts verloren geht.");
            }

            if (found.Revision != revision)
            {
                return await StaleAsync(found, cancellationToken);
            }

            draft = found;
            draft.Xml = xml!;
            draft.DefinitionsId = definitionsId;
            draft.Name = name;
            draft.DecisionIds = decisionIds;
            draft.Revision = revision + 1;
            draft.UpdatedBy = me;
            draft.UpdatedAt = now;
        }
        else
        {
            if (await db.DecisionDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionsId == definitionsId, cancellationToken) is { } other)
            {
                return await StaleAsync(other, cancellationToken);
            }

            draft = new DecisionDraft
            {
                Id = Guid.CreateVersion7(),
                DefinitionsId = definitionsId,
                Name = name,
                DecisionIds = decisionIds,
                Xml = xml!,
                Revision = 1,
                CreatedBy = me,
                CreatedAt = now,
                UpdatedBy = me,
                UpdatedAt = now,
            };
            db.DecisionDrafts.Add(draft);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another designer saved between our read and our write: the revision check in the UPDATE refused it.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.DecisionDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draft.Id, cancellationToken), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (one draft per file): saved at the same moment by someone else, or the id was changed to
            // one that already has a draft.
            db.ChangeTracker.Clear();
            return await StaleAsync(await db.DecisionDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionsId == definitionsId, cancellationToken), cancellationToken);
        }

        return new JsonResult(new SaveAnswer(draft.Id, draft.Revision, $"Entwurf gespeichert ({Display.DateTime(now)})."));
    }

    /// <summary>
    /// Deploys the file with the designer's comment: each decision in it gets a new version. A file with errors is
    /// refused with them (422) and nothing is deployed. Instances that evaluated a decision keep their result; the draft
    /// is removed. When the municipality has the Vier-Augen-Prinzip on, the checked file is kept as a request instead
    /// (subject: the id of its definitions, as the drafts use it) and deployed only when a second person approves it.
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
        if (read.Definitions is null)
        {
            return Refused(StatusCodes.Status400BadRequest, read.Refusal!);
        }

        DecisionDraft? draft = null;
        if (entwurf is { } draftId)
        {
            draft = await db.DecisionDrafts.SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (draft is null)
            {
                return Refused(StatusCodes.Status404NotFound,
                    "Diesen Entwurf gibt es nicht mehr: Er wurde inzwischen bereitgestellt oder gelöscht. Es wurde nichts bereitgestellt; laden Sie Ihre Entscheidung herunter, damit nichts verloren geht.");
            }

            if (draft.Revision != revision)
            {
                return await StaleAsync(draft, cancellationToken);
            }
        }

        var definitions = read.Definitions;
        var problems = Problems(definitions).Where(p => p.Severity == "error").ToList();
        if (IdProblem(definitions) is { } idProblem)
        {
            problems.Insert(0, new DecisionProblemItem("DMN-ID", "error", null, null, null, 0, idProblem));
        }

        if (definitions.Decisions.Count == 0)
        {
            problems.Add(new DecisionProblemItem("DMN-EMPTY", "error", null, null, null, 0, "Die Datei enthält keine Entscheidung."));
        }

        if (problems.Count > 0)
        {
            return Unfit(problems);
        }

        var resource = new DeploymentResource(definitions.Id + ".dmn", xml!);
        var deploymentName = definitions.Name is { Length: > 0 } named ? named : definitions.Id!;
        if (await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken))
        {
            var errors = (await engine.ValidateDeploymentAsync(new DeploymentRequest(deploymentName, [resource]), cancellationToken))
                .Where(p => p.Problem.Severity == Bpmn.Validation.BpmnProblemSeverity.Error)
                .ToList();
            if (errors.Count > 0)
            {
                return Refused(StatusCodes.Status422UnprocessableEntity,
                    "Nicht zur Freigabe vorgelegt: Die Entscheidung hat Fehler. Bitte beheben Sie die aufgeführten Probleme und legen Sie sie dann erneut vor.",
                    [.. errors.Select(p => new DecisionProblemItem(p.Problem.Code, "error", null, p.Problem.ElementId, null, p.Problem.Line, p.Problem.MessageGerman))]);
            }

            // The draft stays until the approval: a rejected version is still there to be improved.
            return await DeploymentApprovals.RequestAsync(this, db, engine, _audit, new DeploymentApproval
            {
                Id = Guid.CreateVersion7(),
                Kind = DeploymentApprovalKind.Decision,
                SubjectId = definitions.Id!,
                Name = string.IsNullOrWhiteSpace(definitions.Name) ? null : definitions.Name.Trim() is { Length: > DecisionDraft.NameMaxLength } long_ ? long_[..DecisionDraft.NameMaxLength] : definitions.Name.Trim(),
                ResourceName = resource.Name,
                Content = xml!,
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
                new DeploymentRequest(deploymentName, [resource], User.Identity!.Name) { Comment = comment },
                cancellationToken);
        }
        catch (DeploymentFailedException e)
        {
            return Unfit([.. e.Problems.Select(p => new DecisionProblemItem(p.Problem.Code, p.Problem.Severity == Bpmn.Validation.BpmnProblemSeverity.Error ? "error" : "warning", null, p.Problem.ElementId, null, p.Problem.Line, p.Problem.MessageGerman))]);
        }

        // The engine's store and the platform's are two databases: the draft goes after the deployment committed. Should
        // this fail, the draft stays and can be deleted on the decisions page; the deployment is not undone.
        if (draft is not null)
        {
            db.DecisionDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
        }

        var versions = (await engine.ListDecisionDefinitionsAsync(cancellationToken)).Where(d => d.DeploymentId == deployment.Id)
            .Select(d => $"„{d.Name ?? d.DecisionId}“ als Version {d.Version}");
        var message = $"Bereitgestellt: {string.Join(", ", versions)}. Prozesse, die sie aufrufen, verwenden ab jetzt diese Version.";
        TempData[ProcessPages.NoticeKey] = message;
        return new JsonResult(new DeployAnswer(message, DecisionsModel.PagePath));
    }

    /// <summary>Deletes a draft (from the decisions page); another municipality's is not found.</summary>
    public async Task<IActionResult> OnPostDeleteDraftAsync(Guid id, CancellationToken cancellationToken)
    {
        var draft = await db.DecisionDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        db.DecisionDrafts.Remove(draft);
        await db.SaveChangesAsync(cancellationToken);
        TempData[ProcessPages.NoticeKey] = $"Der Entwurf „{draft.Name ?? draft.DefinitionsId}“ ist gelöscht.";
        return Redirect(DecisionsModel.PagePath);
    }

    /// <summary>The URL of the editor with a draft.</summary>
    public static string DraftUrl(Guid draftId) => $"{Path}?entwurf={draftId}";

    /// <summary>The URL of the editor with the file of the latest version of a deployed decision.</summary>
    public static string DecisionUrl(string decisionId) => $"{Path}?entscheidung={Uri.EscapeDataString(decisionId)}";

    /// <summary>The URL of the editor with a new decision.</summary>
    public static string NewDecisionUrl => Path;

    /// <summary>
    /// What <see cref="DmnCheck"/> finds, each with the decision it is in (for the marker in the diagram), the element
    /// (rule or input column) and the column of a table cell, and a German message that says where: decision, rule number
    /// and column label.
    /// </summary>
    internal static List<DecisionProblemItem> Problems(DmnDefinitions definitions)
    {
        var places = Places(definitions);
        return [.. DmnCheck.Check(definitions)
            .Where(p => p.Severity != DmnMessageSeverity.Info)
            .Select(p => new DecisionProblemItem(
                p.Code,
                p.Severity == DmnMessageSeverity.Error ? "error" : "warning",
                p.DecisionId,
                p.ElementId,
                p.ColumnId,
                p.Location.Line,
                Where(definitions, places, p) + p.TextGerman))];
    }

    private static string Where(DmnDefinitions definitions, Dictionary<string, string> places, DmnCheckProblem problem)
    {
        var decision = definitions.Decisions.FirstOrDefault(d => d.Id == problem.DecisionId);
        var parts = new List<string>();
        if (decision is not null)
        {
            parts.Add($"Entscheidung „{(string.IsNullOrWhiteSpace(decision.Name) ? decision.Id : decision.Name)}“");
        }

        if (problem.ElementId is { } element && places.GetValueOrDefault(element) is { } place)
        {
            parts.Add(place);
        }

        if (problem.ColumnId is { } column && places.GetValueOrDefault(column) is { } columnPlace)
        {
            parts.Add(columnPlace);
        }

        return parts.Count == 0 ? "" : string.Join(", ", parts) + ": ";
    }

    // Rules by number and columns by label, as a designer sees them in the table.
    private static Dictionary<string, string> Places(DmnDefinitions definitions)
    {
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in definitions.Decisions.Select(d => d.Expression).OfType<DecisionTable>())
        {
            foreach (var input in table.Inputs.Where(i => i.Id is not null))
            {
                places.TryAdd(input.Id!, $"Eingabe „{input.Label ?? input.Expression.Text}“");
            }

            foreach (var output in table.Outputs.Where(o => o.Id is not null))
            {
                places.TryAdd(output.Id!, $"Ausgabe „{output.Label ?? output.Name}“");
            }

            foreach (var rule in table.Rules.Where(r => r.Id is not null))
            {
                places.TryAdd(rule.Id!, $"Regel {rule.Index}");
            }
        }

        return places;
    }

    private static JsonResult Unfit(IReadOnlyList<DecisionProblemItem> problems) =>
        Refused(StatusCodes.Status422UnprocessableEntity,
            "Nicht bereitgestellt: Die Entscheidung hat Fehler. Bitte beheben Sie die aufgeführten Probleme und stellen Sie sie dann erneut bereit.",
            problems);

    private static JsonResult Refused(int status, string message, IReadOnlyList<DecisionProblemItem>? problems = null) =>
        new(new DecisionRefusal(message, problems ?? [])) { StatusCode = status };

    private static string? IdProblem(DmnDefinitions definitions) => definitions.Id switch
    {
        null or "" => "Die DMN-Datei hat keine ID (im Diagramm: die ID der Definitionen); ohne sie lässt sie sich nicht als Entwurf speichern.",
        { Length: > DecisionDraft.DefinitionsIdMaxLength } => $"Die ID der DMN-Datei darf höchstens {DecisionDraft.DefinitionsIdMaxLength} Zeichen lang sein.",
        var id when id != id.Trim() => "Die ID der DMN-Datei darf nicht mit Leerzeichen beginnen oder enden.",
        _ => null,
    };

    /// <summary>Reads the file the browser sent as DMN, or says in German (with the line) why it cannot be read.</summary>
    internal static (DmnDefinitions? Definitions, string? Refusal) Read(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return (null, "Es wurde keine DMN-Datei übermittelt.");
        }

        if (xml.Length > MaxXmlLength)
        {
            return (null, $"Die DMN-Datei ist zu groß (höchstens {MaxXmlLength / 1024 / 1024} MB).");
        }

        try
        {
            return (DmnParser.ParseText(xml), null);
        }
        catch (DmnModelException e)
        {
            // The XML reader's own reason is English: the German message says where, which is what a designer can act on.
            return (null, e.Code == "dmn.invalid-xml" && e.Location.Line > 0
                ? $"Die DMN-Datei ist kein lesbares XML: Der Fehler steht in Zeile {e.Location.Line}, Spalte {e.Location.Column}. Es wurde nichts gespeichert."
                : $"Die DMN-Datei lässt sich nicht lesen: {e.MessageGerman}. Es wurde nichts gespeichert.");
        }
    }

    private async Task<IActionResult> StaleAsync(DecisionDraft? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return Refused(StatusCodes.Status409Conflict,
                "Der Entwurf wurde gerade von anderer Seite geändert. Ihre Entscheidung ist nicht gespeichert; laden Sie sie herunter, damit nichts verloren geht.");
        }

        var who = await db.DisplayNameAsync(current.UpdatedBy, cancellationToken);
        return Refused(StatusCodes.Status409Conflict,
            $"Der Entwurf „{current.Name ?? current.DefinitionsId}“ wurde inzwischen von {who} gespeichert ({Display.DateTime(current.UpdatedAt)}). " +
            "Ihre Entscheidung ist nicht gespeichert, damit nichts überschrieben wird: Laden Sie sie herunter und übernehmen Sie Ihre Änderungen in den neueren Entwurf.");
    }


    /// <summary>
    /// A new file with one decision table (a fee by amount, two rules), in DMN 1.3 as Camunda Modeler writes it for
    /// Camunda 8, with the decision's shape in the diagram.
    /// </summary>
    internal static string NewDecision(string suffix) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_{{suffix}}" name="Gebühr" namespace="http://camunda.org/schema/1.0/dmn" exporter="Amtsweg" exporterVersion="1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
          <decision id="Entscheidung_{{suffix}}" name="Gebühr">
            <decisionTable id="DecisionTable_{{suffix}}">
              <input id="Input_1" label="Betrag">
                <inputExpression id="InputExpression_1" typeRef="number">
                  <text>betrag</text>
                </inputExpression>
              </input>
              <output id="Output_1" label="Gebühr" name="gebuehr" typeRef="number" />
              <rule id="Rule_1">
                <inputEntry id="UnaryTests_1">
                  <text>&lt; 100</text>
                </inputEntry>
                <outputEntry id="LiteralExpression_1">
                  <text>10</text>
                </outputEntry>
              </rule>
              <rule id="Rule_2">
                <inputEntry id="UnaryTests_2">
                  <text>&gt;= 100</text>
                </inputEntry>
                <outputEntry id="LiteralExpression_2">
                  <text>25</text>
                </outputEntry>
              </rule>
            </decisionTable>
          </decision>
          <dmndi:DMNDI>
            <dmndi:DMNDiagram id="DMNDiagram_{{suffix}}">
              <dmndi:DMNShape id="DMNShape_{{suffix}}" dmnElementRef="Entscheidung_{{suffix}}">
                <dc:Bounds height="80" width="180" x="240" y="180" />
              </dmndi:DMNShape>
            </dmndi:DMNDiagram>
          </dmndi:DMNDI>
        </definitions>
        """;
}

/// <summary>One problem of a DMN file, for the list beside the editor and the markers.</summary>
/// <param name="Code">A stable code.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="DecisionId">The decision it is in (marked in the diagram), or null.</param>
/// <param name="ElementId">The element: the decision, its table or literal expression, an input column or a rule.</param>
/// <param name="ColumnId">For a table cell: its input or output column (the rule is <paramref name="ElementId"/>).</param>
/// <param name="Line">The line in the file, 0 when unknown.</param>
/// <param name="Message">What is wrong and where, in German.</param>
public sealed record DecisionProblemItem(string Code, string Severity, string? DecisionId, string? ElementId, string? ColumnId, int Line, string Message);

/// <summary>The answer of <c>?handler=Validate</c> of the decision editor.</summary>
public sealed record DecisionValidationAnswer(IReadOnlyList<DecisionProblemItem> Problems);

/// <summary>A refused call of the decision editor: why (German), and the problems when they are the reason.</summary>
public sealed record DecisionRefusal(string Message, IReadOnlyList<DecisionProblemItem> Problems);
