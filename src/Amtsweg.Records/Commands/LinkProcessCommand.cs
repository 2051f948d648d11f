using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>
/// Records that a process instance works an open Vorgang. The caller starts the instance with the Vorgang's
/// Aktenzeichen as business key, in the same transaction, so that neither exists without the other.
/// </summary>
public sealed record LinkProcessInstanceCommand(Guid VorgangId, Guid ProcessInstanceId, string ProcessId) : RecordsCommand<VorgangProcess>
{
    internal override async Task<VorgangProcess> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var processId = Validation.Text(ProcessId, "Die Prozess-ID", 200);
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        if (await context.Db.VorgangProcesses.AnyAsync(l => l.ProcessInstanceId == ProcessInstanceId, cancellationToken).ConfigureAwait(false))
        {
            throw RecordsErrors.InvalidError($"Die Prozessinstanz {ProcessInstanceId} gehört schon zu einem Vorgang.");
        }

        var link = new VorgangProcess
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            VorgangId = vorgang.Id,
            ProcessInstanceId = ProcessInstanceId,
            ProcessId = processId,
            LinkedBy = context.Actor,
            LinkedAt = context.Now,
        };
        context.Db.VorgangProcesses.Add(link);
        context.Audit(AuditActions.ProcessLinked, nameof(Vorgang), vorgang.Id,
            ("aktenzeichen", vorgang.Aktenzeichen), ("processInstance", ProcessInstanceId.ToString("D")), ("process", processId));
        return link;
    }
}
