using Amtsweg.Bpmn.Validation;
using Amtsweg.Engine;
using Amtsweg.Library.Packages.Diff;
using Amtsweg.Server.Features.Processes.Changes;
using Amtsweg.Server.Features.Processes.Pages;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Approvals;

/// <summary>
/// <c>/prozesse/freigaben/{id}</c> (issue 13.4, Vier-Augen-Prinzip): one deployment request with its changes to the
/// running version (for a process the element list and the diagram with the markers, for a form and a DMN file the line diff). A second
/// person with Leitung, Prozessgestaltung or Administration approves it (<c>?handler=Approve</c>: the engine deploys it
/// with the requester's comment and both names) or rejects it with a reason (<c>?handler=Reject</c>); whoever asked may
/// withdraw it (<c>?handler=Withdraw</c>). Refused, with a German message and nothing changed: an approval by whoever
/// asked, a request decided already (of two decisions at the same moment the second), a request based on a version that
/// is no longer the latest, and a model the engine no longer accepts. Another municipality's request is not found.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class ApprovalModel(IProcessEngine engine, PlatformDbContext db, TimeProvider clock, IStringLocalizer<Ui> text, ILoggerFactory loggers) : PageModel
{
    /// <summary>The field of the reason of a rejection.</summary>
    public const string ReasonField = "begruendung";

    private readonly ILogger _audit = loggers.CreateLogger(DeploymentApprovals.AuditCategory);

    /// <summary>The request.</summary>
    public DeploymentApproval Approval { get; private set; } = null!;

    /// <summary>The display name of whoever asked.</summary>
    public string RequestedByName { get; private set; } = "";

    /// <summary>The display name of whoever decided, or empty while open.</summary>
    public string DecidedByName { get; private set; } = "";

    /// <summary>The latest deployed version now, or null.</summary>
    public int? RunningVersion { get; private set; }

    /// <summary>For a DMN file request: a decision of the file that has a newer version than when the request was made, or null.</summary>
    public NewerDecision? NewerDecision { get; private set; }

    /// <summary>A process request's changes to the running version, or null (a form, or a diagram that no longer reads).</summary>
    public ProcessChanges? Changes { get; private set; }

    /// <summary>A form request's lines against the running version, or null.</summary>
    public FormChanges? FormChanges { get; private set; }

    /// <summary>A DMN file request's line diff to the file of <see cref="RunningDecision"/>, or null.</summary>
    public IReadOnlyList<TextLine>? DecisionLines { get; private set; }

    /// <summary>For a DMN file request: the deployed decision version it is compared with, or null (none deployed).</summary>
    public DecisionDefinitionInfo? RunningDecision { get; private set; }

    /// <summary>True when the signed-in user asked for this deployment.</summary>
    public bool IsRequester { get; private set; }

    /// <summary>Why the last post changed nothing (German), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The model's problems when they were the reason, else empty.</summary>
    public IReadOnlyList<ProblemItem> Problems { get; private set; } = [];

    /// <summary>The reason as posted, kept after an error.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>The errors at the reason field.</summary>
    public PageErrors Errors { get; } = new();

    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.DeploymentApprovals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        await DescribeAsync(request, cancellationToken);
        return Page();
    }

    /// <summary>The diagram of a process request, for the viewer.</summary>
    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.DeploymentApprovals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Kind == DeploymentApprovalKind.Process, cancellationToken);
        return request is null ? NotFound() : Content(request.Content, "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>Approves and deploys: only a second person, only while open, only on the latest version, only a valid model.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.DeploymentApprovals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var me = User.Identity!.Name!;
        if (request.State != DeploymentApprovalState.Open)
        {
            return await RefuseAsync(request, StatusCodes.Status409Conflict, await DecidedAlreadyAsync(request, cancellationToken), cancellationToken);
        }

        if (string.Equals(request.RequestedBy, me, StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(request, StatusCodes.Status403Forbidden,
                "Sie haben diese Version selbst zur Freigabe vorgelegt. Nach dem Vier-Augen-Prinzip muss eine zweite Person sie freigeben; es wurde nichts bereitgestellt.",
                cancellationToken);
        }

        if (await DeploymentApprovals.NewerDecisionAsync(engine, request, cancellationToken) is { } newer)
        {
            var basis = newer.BaseVersion is { } v ? $"Diese Anfrage beruht auf Version {v} dieser Entscheidung" : "Diese Anfrage beruht auf keiner bereitgestellten Version dieser Entscheidung";
            return await RefuseAsync(request, StatusCodes.Status409Conflict,
                $"Inzwischen wurde Version {newer.Version} der Entscheidung „{newer.Name}“ bereitgestellt. {basis}; sie wird nicht freigegeben, damit die neuere Version nicht überschrieben wird. " +
                "Wer sie vorgelegt hat, kann sie zurückziehen und die Änderungen auf der neuen Version erneut vorlegen.",
                cancellationToken);
        }

        var latest = await DeploymentApprovals.LatestVersionAsync(engine, request, cancellationToken);
        if (request.BaseDecisionVersions is null && latest != request.BaseVersion)
        {
            var basis = request.BaseVersion is { } v ? $"Diese Anfrage beruht auf Version {v}" : "Diese Anfrage beruht auf keiner bereitgestellten Version";
            return await RefuseAsync(request, StatusCodes.Status409Conflict,
                $"Inzwischen wurde Version {latest} bereitgestellt. {basis}; sie wird nicht freigegeben, damit die neuere Version nicht überschrieben wird. " +
                "Wer sie vorgelegt hat, kann sie zurückziehen und die Änderungen auf der neuen Version erneut vorlegen.",
                cancellationToken);
        }

        var resource = new DeploymentResource(request.ResourceName, request.Content);
        var errors = (await engine.ValidateDeploymentAsync(new DeploymentRequest(request.SubjectId, [resource]), cancellationToken))
            .Where(p => p.Problem.Severity == BpmnProblemSeverity.Error)
            .Select(p => ModelerModel.ProblemOf(p.Problem))
            .ToList();
        if (errors.Count > 0)
        {
            Problems = errors;
            return await RefuseAsync(request, StatusCodes.Status422UnprocessableEntity, Unfit(request), cancellationToken);
        }

        // The decision is stored first: of two approvals (or an approval and a rejection) at the same moment only one wins
        // the concurrency token, and only the winner deploys.
        var now = clock.GetUtcNow();
        request.State = DeploymentApprovalState.Approved;
        request.DecidedBy = me;
        request.DecidedAt = now;
        request.Revision++;
        if (!await TrySaveAsync(cancellationToken))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        var requester = await db.DisplayNameAsync(request.RequestedBy, cancellationToken);
        var approver = await db.DisplayNameAsync(me, cancellationToken);
        DeploymentInfo deployment;
        try
        {
            deployment = await engine.DeployAsync(
                new DeploymentRequest(request.Name ?? request.SubjectId, [resource], me) { Comment = DeploymentComment(request.Comment, requester, approver) },
                cancellationToken);
        }
        catch (Exception e)
        {
            // The engine's store and the platform's are two databases: the approval is taken back, the request is open again.
            request.State = DeploymentApprovalState.Open;
            request.DecidedBy = null;
            request.DecidedAt = null;
            request.Revision++;
            await db.SaveChangesAsync(CancellationToken.None);
            DeploymentApprovals.ApprovalUndone(_audit, request.Id, request.TenantId, request.Kind, request.SubjectId, me);
            if (e is not DeploymentFailedException failed)
            {
                throw;
            }

            Problems = [.. failed.Problems.Select(p => ModelerModel.ProblemOf(p.Problem))];
            return await RefuseAsync(request, StatusCodes.Status422UnprocessableEntity, Unfit(request), cancellationToken);
        }

        request.DeployedVersion = request.Kind switch
        {
            DeploymentApprovalKind.Process => deployment.ProcessDefinitions.FirstOrDefault(d => d.ProcessId == request.SubjectId)?.Version,
            DeploymentApprovalKind.Form => deployment.Forms.FirstOrDefault(f => f.FormId == request.SubjectId)?.Version,
            // The version the file's decisions are at now, counted as the request's base version was.
            DeploymentApprovalKind.Decision => (await engine.ListDecisionDefinitionsAsync(cancellationToken))
                .Where(d => d.DeploymentId == deployment.Id).Select(d => (int?)d.Version).Max(),
            _ => throw new InvalidOperationException($"Unknown kind {request.Kind}."),
        };
        request.Revision++;
        await RemoveDraftAsync(request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        DeploymentApprovals.Approved(_audit, request.Id, request.TenantId, request.Kind, request.SubjectId, me, request.RequestedBy, request.DeployedVersion);
        Notice = request.DeployedVersion is { } version
            ? $"Freigegeben: „{Subject(request)}“ ist als Version {version} bereitgestellt. Laufende Instanzen bleiben auf ihrer Version."
            : $"Freigegeben: „{Subject(request)}“ ist bereitgestellt.";
        return Redirect(DeploymentApprovals.DetailUrl(id));
    }

    /// <summary>Rejects with a reason (required): only a second person, only while open.</summary>
    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.DeploymentApprovals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        Reason = form[ReasonField].ToString().Trim();
        var me = User.Identity!.Name!;
        if (request.State != DeploymentApprovalState.Open)
        {
            return await RefuseAsync(request, StatusCodes.Status409Conflict, await DecidedAlreadyAsync(request, cancellationToken), cancellationToken);
        }

        if (string.Equals(request.RequestedBy, me, StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(request, StatusCodes.Status403Forbidden,
                "Ihre eigene Vorlage lehnen Sie nicht ab: Ziehen Sie sie zurück.", cancellationToken);
        }

        if (Reason.Length == 0 || Reason.Length > DeploymentApproval.ReasonMaxLength)
        {
            Errors.Add(ReasonField, Reason.Length == 0
                ? text["Approvals.ReasonRequired"]
                : text["Approvals.ReasonTooLong", DeploymentApproval.ReasonMaxLength]);
            await DescribeAsync(request, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        request.State = DeploymentApprovalState.Rejected;
        request.DecidedBy = me;
        request.DecidedAt = clock.GetUtcNow();
        request.Reason = Reason;
        request.Revision++;
        if (!await TrySaveAsync(cancellationToken))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        DeploymentApprovals.Rejected(_audit, request.Id, request.TenantId, request.Kind, request.SubjectId, me, request.RequestedBy);
        Notice = $"Abgelehnt: „{Subject(request)}“ wird nicht bereitgestellt.";
        return Redirect(DeploymentApprovals.DetailUrl(id));
    }

    /// <summary>Withdraws: only whoever asked, only while open.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.DeploymentApprovals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var me = User.Identity!.Name!;
        if (request.State != DeploymentApprovalState.Open)
        {
            return await RefuseAsync(request, StatusCodes.Status409Conflict, await DecidedAlreadyAsync(request, cancellationToken), cancellationToken);
        }

        if (!string.Equals(request.RequestedBy, me, StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(request, StatusCodes.Status403Forbidden,
                "Nur wer die Version zur Freigabe vorgelegt hat, kann sie zurückziehen.", cancellationToken);
        }

        request.State = DeploymentApprovalState.Withdrawn;
        request.DecidedBy = me;
        request.DecidedAt = clock.GetUtcNow();
        request.Revision++;
        if (!await TrySaveAsync(cancellationToken))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        DeploymentApprovals.Withdrawn(_audit, request.Id, request.TenantId, request.Kind, request.SubjectId, me);
        Notice = $"Zurückgezogen: „{Subject(request)}“ wird nicht bereitgestellt.";
        return Redirect(DeploymentApprovals.DetailUrl(id));
    }

    /// <summary>The name of the process, or the form's id.</summary>
    public static string Subject(DeploymentApproval request) => request.Name ?? request.SubjectId;

    /// <summary>
    /// The comment the engine keeps with the deployment: the requester's, and who asked and who approved. A comment that
    /// would not leave room for the names is shortened, never the names.
    /// </summary>
    internal static string DeploymentComment(string comment, string requester, string approver)
    {
        var names = $" (Vier-Augen-Prinzip: vorgelegt von {requester}, freigegeben von {approver})";
        var room = DeploymentRequest.CommentMaxLength - names.Length;
        if (room < 1)
        {
            return names.Trim()[..Math.Min(names.Trim().Length, DeploymentRequest.CommentMaxLength)];
        }

        return (comment.Length > room ? string.Concat(comment.AsSpan(0, room - 1), "…") : comment) + names;
    }

    private async Task RemoveDraftAsync(DeploymentApproval request, CancellationToken cancellationToken)
    {
        // A draft saved again after the request holds newer work and stays.
        if (request.DraftId is not { } draftId)
        {
            return;
        }

        switch (request.Kind)
        {
            case DeploymentApprovalKind.Process:
                if (await db.ProcessDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.Revision == request.DraftRevision, cancellationToken) is { } draft)
                {
                    db.ProcessDrafts.Remove(draft);
                }

                break;
            case DeploymentApprovalKind.Form:
                if (await db.FormDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.Revision == request.DraftRevision, cancellationToken) is { } formDraft)
                {
                    db.FormDrafts.Remove(formDraft);
                }

                break;
            case DeploymentApprovalKind.Decision:
                if (await db.DecisionDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.Revision == request.DraftRevision, cancellationToken) is { } decisionDraft)
                {
                    db.DecisionDrafts.Remove(decisionDraft);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown kind {request.Kind}.");
        }
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<IActionResult> ConflictAsync(Guid id, CancellationToken cancellationToken)
    {
        var current = await db.DeploymentApprovals.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
        return await RefuseAsync(current, StatusCodes.Status409Conflict, await DecidedAlreadyAsync(current, cancellationToken), cancellationToken);
    }

    private async Task<string> DecidedAlreadyAsync(DeploymentApproval request, CancellationToken cancellationToken)
    {
        var who = await db.DisplayNameAsync(request.DecidedBy, cancellationToken);
        var when = request.DecidedAt is { } at ? Display.DateTime(at) : "";
        return request.State switch
        {
            DeploymentApprovalState.Approved => $"Diese Version wurde bereits von {who} freigegeben ({when}). Es wurde nichts geändert.",
            DeploymentApprovalState.Rejected => $"Diese Version wurde bereits von {who} abgelehnt ({when}). Es wurde nichts geändert.",
            DeploymentApprovalState.Withdrawn => $"Diese Version wurde bereits von {who} zurückgezogen ({when}). Es wurde nichts geändert.",
            DeploymentApprovalState.Open => "Die Anfrage wurde gerade von anderer Seite geändert. Bitte prüfen Sie sie erneut; es wurde nichts geändert.",
            _ => throw new InvalidOperationException($"Unknown state {request.State}."),
        };
    }

    private static string Unfit(DeploymentApproval request) => request.Kind switch
    {
        DeploymentApprovalKind.Process => "Nicht freigegeben: Das Modell hat inzwischen Fehler, die eine Bereitstellung verhindern. Es wurde nichts bereitgestellt; wer es vorgelegt hat, kann die Vorlage zurückziehen, die Probleme beheben und sie erneut vorlegen.",
        DeploymentApprovalKind.Form => "Nicht freigegeben: Das Formular hat inzwischen Fehler, die eine Bereitstellung verhindern. Es wurde nichts bereitgestellt; wer es vorgelegt hat, kann die Vorlage zurückziehen, die Probleme beheben und sie erneut vorlegen.",
        DeploymentApprovalKind.Decision => "Nicht freigegeben: Die Entscheidung hat inzwischen Fehler, die eine Bereitstellung verhindern. Es wurde nichts bereitgestellt; wer sie vorgelegt hat, kann die Vorlage zurückziehen, die Probleme beheben und sie erneut vorlegen.",
        _ => throw new InvalidOperationException($"Unknown kind {request.Kind}."),
    };

    private async Task<IActionResult> RefuseAsync(DeploymentApproval request, int status, string message, CancellationToken cancellationToken)
    {
        Problem = message;
        db.ChangeTracker.Clear();
        await DescribeAsync(request, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task DescribeAsync(DeploymentApproval request, CancellationToken cancellationToken)
    {
        Approval = request;
        IsRequester = string.Equals(request.RequestedBy, User.Identity?.Name, StringComparison.OrdinalIgnoreCase);
        RequestedByName = await db.DisplayNameAsync(request.RequestedBy, cancellationToken);
        DecidedByName = await db.DisplayNameAsync(request.DecidedBy, cancellationToken);
        RunningVersion = await DeploymentApprovals.LatestVersionAsync(engine, request, cancellationToken);
        NewerDecision = request.State == DeploymentApprovalState.Open ? await DeploymentApprovals.NewerDecisionAsync(engine, request, cancellationToken) : null;
        if (request.State != DeploymentApprovalState.Open)
        {
            // A decided request is a record: what was asked, who decided; the comparison is with a version that moved on.
            return;
        }

        if (request.Kind == DeploymentApprovalKind.Process)
        {
            var read = ModelerModel.Read(request.Content);
            if (read.Model is { } model)
            {
                Changes = await ModelerModel.ChangesAsync(engine, text, request.SubjectId, model, cancellationToken);
            }
        }
        else if (request.Kind == DeploymentApprovalKind.Decision)
        {
            RunningDecision = await DeploymentApprovals.RunningDecisionAsync(engine, request.Content, cancellationToken);
            var before = RunningDecision is null ? null : await engine.GetDecisionDefinitionXmlAsync(RunningDecision.Id, cancellationToken);
            DecisionLines = TextDiff.Compare(before, request.Content);
        }
        else
        {
            FormChanges = await FormChanges.OfAsync(engine, request.SubjectId, request.Content, cancellationToken);
        }
    }
}
