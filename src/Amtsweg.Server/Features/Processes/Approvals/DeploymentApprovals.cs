using System.Text.Json;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Pages;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Approvals;

/// <summary>
/// The Vier-Augen-Prinzip for deployments (issue 13.4): whether the municipality has it on, the latest deployed version a
/// request is based on, and the request the modeler, the form editor and the decision editor make instead of deploying. The decisions are on
/// the request's page (<see cref="ApprovalModel"/>). Every request and decision is written to the audit log (category
/// <see cref="AuditCategory"/>).
/// </summary>
public static partial class DeploymentApprovals
{
    /// <summary>The log category of the audit entries.</summary>
    public const string AuditCategory = "Amtsweg.Audit.Deployments";

    /// <summary>The list of requests.</summary>
    public const string ListPath = "/prozesse/freigaben";

    /// <summary>The answer of both deployment APIs while the municipality has the Vier-Augen-Prinzip on.</summary>
    public const string ApiRefusal =
        "Ihre Gemeinde stellt neue Versionen nur nach der Freigabe durch eine zweite Person bereit (Vier-Augen-Prinzip). " +
        "Es wurde nichts bereitgestellt: Legen Sie die Version im Modellierer, im Formular-Editor oder im Entscheidungs-Editor zur Freigabe vor.";

    /// <summary>The page of one request.</summary>
    public static string DetailUrl(Guid id) => $"{ListPath}/{id}";

    /// <summary>True when the municipality has turned the Vier-Augen-Prinzip for deployments on.</summary>
    public static async Task<bool> IsOnAsync(PlatformDbContext db, TenantContext tenant, CancellationToken cancellationToken) =>
        tenant.TenantId is { } id
        && await db.Municipalities.AsNoTracking().Where(m => m.Id == id).Select(m => m.FourEyesDeployments).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The latest deployed version of what <paramref name="request"/> would deploy, or null when it was never deployed.
    /// A DMN file has no version of its own, each decision in it has one: its latest version is the highest version among
    /// the decisions in the file, which every deployment of the file raises.
    /// </summary>
    public static async Task<int?> LatestVersionAsync(IProcessEngine engine, DeploymentApproval request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind switch
        {
            DeploymentApprovalKind.Process => (await engine.ListProcessDefinitionsAsync(cancellationToken))
                .Where(d => d.ProcessId == request.SubjectId).Select(d => (int?)d.Version).Max(),
            DeploymentApprovalKind.Form => (await engine.ListFormDefinitionsAsync(cancellationToken))
                .Where(d => d.FormId == request.SubjectId).Select(d => (int?)d.Version).Max(),
            DeploymentApprovalKind.Decision => (await RunningDecisionAsync(engine, request.Content, cancellationToken))?.Version,
            _ => throw new InvalidOperationException($"Unknown kind {request.Kind}."),
        };
    }

    /// <summary>
    /// The deployed decision version with the highest version among the decisions of a DMN file, or null when none of
    /// them was deployed (or the file no longer reads). Its file is what a request of the file is compared with.
    /// </summary>
    public static async Task<DecisionDefinitionInfo?> RunningDecisionAsync(IProcessEngine engine, string dmn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (DecisionEditorModel.Read(dmn).Definitions is not { } definitions)
        {
            return null;
        }

        var ids = definitions.Decisions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return (await engine.ListDecisionDefinitionsAsync(cancellationToken))
            .Where(d => ids.Contains(d.DecisionId))
            .OrderByDescending(d => d.Version).ThenByDescending(d => d.DeployedAt)
            .FirstOrDefault();
    }

    /// <summary>
    /// The deployed version of each decision in a DMN file, by decision id; a decision never deployed is left out (as is
    /// everything when the file no longer reads).
    /// </summary>
    public static async Task<SortedDictionary<string, int>> DecisionVersionsAsync(IProcessEngine engine, string dmn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var versions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (DecisionEditorModel.Read(dmn).Definitions is not { } definitions)
        {
            return versions;
        }

        var ids = definitions.Decisions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var deployed in await engine.ListDecisionDefinitionsAsync(cancellationToken))
        {
            if (ids.Contains(deployed.DecisionId) && (!versions.TryGetValue(deployed.DecisionId, out var version) || deployed.Version > version))
            {
                versions[deployed.DecisionId] = deployed.Version;
            }
        }

        return versions;
    }

    /// <summary>
    /// The first decision of a DMN request that has a newer version now than when the request was made (deployed from this
    /// file or from another one), with its version now and at request time (null: it had none); null when none has. A
    /// request made before the versions per decision were stored is compared by the file's highest version.
    /// </summary>
    public static async Task<NewerDecision?> NewerDecisionAsync(IProcessEngine engine, DeploymentApproval request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != DeploymentApprovalKind.Decision || request.BaseDecisionVersions is not { } stored)
        {
            return null;
        }

        var based = JsonSerializer.Deserialize<Dictionary<string, int>>(stored) ?? [];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var decision in DecisionEditorModel.Read(request.Content).Definitions?.Decisions ?? [])
        {
            names.TryAdd(decision.Id, decision.Name);
        }

        foreach (var (decisionId, version) in await DecisionVersionsAsync(engine, request.Content, cancellationToken))
        {
            int? then = based.TryGetValue(decisionId, out var v) ? v : null;
            if (then is null || version > then)
            {
                var name = names.GetValueOrDefault(decisionId);
                return new NewerDecision(string.IsNullOrWhiteSpace(name) ? decisionId : name, version, then);
            }
        }

        return null;
    }

    /// <summary>The open request of a process or form, or null.</summary>
    public static Task<DeploymentApproval?> OpenRequestAsync(PlatformDbContext db, DeploymentApprovalKind kind, string subjectId, CancellationToken cancellationToken) =>
        db.DeploymentApprovals.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Kind == kind && a.SubjectId == subjectId && a.State == DeploymentApprovalState.Open, cancellationToken);

    /// <summary>
    /// Stores <paramref name="approval"/> (filled by the caller, checked already) as an open request instead of deploying;
    /// refused with 409 when the process or form already has an open request. Answers as the deploy handlers do: where
    /// the browser goes next (the request's page) and a sentence that says the version waits for approval.
    /// </summary>
    public static async Task<IActionResult> RequestAsync(PageModel page, PlatformDbContext db, IProcessEngine engine, ILogger audit, DeploymentApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(approval);
        if (await OpenRequestAsync(db, approval.Kind, approval.SubjectId, cancellationToken) is { } open)
        {
            return await AlreadyOpenAsync(db, open, cancellationToken);
        }

        approval.BaseVersion = await LatestVersionAsync(engine, approval, cancellationToken);
        approval.BaseDecisionVersions = approval.Kind == DeploymentApprovalKind.Decision
            ? JsonSerializer.Serialize(await DecisionVersionsAsync(engine, approval.Content, cancellationToken))
            : null;
        approval.State = DeploymentApprovalState.Open;
        approval.Revision = 1;
        db.DeploymentApprovals.Add(approval);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index of open requests: another request for the same process or form was made at the same moment.
            db.ChangeTracker.Clear();
            if (await OpenRequestAsync(db, approval.Kind, approval.SubjectId, cancellationToken) is { } other)
            {
                return await AlreadyOpenAsync(db, other, cancellationToken);
            }

            throw;
        }

        Requested(audit, approval.Id, approval.TenantId, approval.Kind, approval.SubjectId, approval.BaseVersion, approval.RequestedBy);
        var message = approval.Kind switch
        {
            DeploymentApprovalKind.Process => $"„{approval.Name ?? approval.SubjectId}“ ist noch nicht bereitgestellt: Die Version wartet auf Freigabe durch eine zweite Person (Vier-Augen-Prinzip).",
            DeploymentApprovalKind.Form => $"Das Formular „{approval.SubjectId}“ ist noch nicht bereitgestellt: Die Version wartet auf Freigabe durch eine zweite Person (Vier-Augen-Prinzip).",
            DeploymentApprovalKind.Decision => $"Die Entscheidung „{approval.Name ?? approval.SubjectId}“ ist noch nicht bereitgestellt: Die Version wartet auf Freigabe durch eine zweite Person (Vier-Augen-Prinzip).",
            _ => throw new InvalidOperationException($"Unknown kind {approval.Kind}."),
        };
        page.TempData[ProcessPages.NoticeKey] = message;
        return new JsonResult(new DeployAnswer(message, DetailUrl(approval.Id)));
    }


    private static async Task<IActionResult> AlreadyOpenAsync(PlatformDbContext db, DeploymentApproval open, CancellationToken cancellationToken)
    {
        var who = await db.DisplayNameAsync(open.RequestedBy, cancellationToken);
        return ModelerModel.Refused(StatusCodes.Status409Conflict,
            $"Für „{open.Name ?? open.SubjectId}“ wartet schon eine Version auf Freigabe (vorgelegt von {who} am {Display.DateTime(open.RequestedAt)}). " +
            "Es wurde nichts vorgelegt: Warten Sie die Entscheidung ab oder lassen Sie die wartende Version zurückziehen.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment request {RequestId} of tenant {TenantId} for {Kind} {SubjectId} (based on version {BaseVersion}) made by {Actor}")]
    private static partial void Requested(ILogger logger, Guid requestId, Guid tenantId, DeploymentApprovalKind kind, string subjectId, int? baseVersion, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment request {RequestId} of tenant {TenantId} for {Kind} {SubjectId} approved by {Actor}, requested by {Requester}: deployed as version {Version}")]
    internal static partial void Approved(ILogger logger, Guid requestId, Guid tenantId, DeploymentApprovalKind kind, string subjectId, string actor, string requester, int? version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment request {RequestId} of tenant {TenantId} for {Kind} {SubjectId} rejected by {Actor}, requested by {Requester}")]
    internal static partial void Rejected(ILogger logger, Guid requestId, Guid tenantId, DeploymentApprovalKind kind, string subjectId, string actor, string requester);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment request {RequestId} of tenant {TenantId} for {Kind} {SubjectId} withdrawn by {Actor}")]
    internal static partial void Withdrawn(ILogger logger, Guid requestId, Guid tenantId, DeploymentApprovalKind kind, string subjectId, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment request {RequestId} of tenant {TenantId} for {Kind} {SubjectId} approved by {Actor} but the engine refused it; the request is open again")]
    internal static partial void ApprovalUndone(ILogger logger, Guid requestId, Guid tenantId, DeploymentApprovalKind kind, string subjectId, string actor);
}

/// <summary>A decision of a DMN request with a newer version than when the request was made.</summary>
/// <param name="Name">The decision's name (its id when it has none).</param>
/// <param name="Version">Its latest deployed version now.</param>
/// <param name="BaseVersion">Its version when the request was made, null when it had none.</param>
public sealed record NewerDecision(string Name, int Version, int? BaseVersion);
