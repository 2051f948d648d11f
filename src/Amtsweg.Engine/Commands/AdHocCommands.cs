using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Activates inner elements of an active ad-hoc sub-process (Camunda 8's "activate ad-hoc sub-process activities") and runs them to their wait states.</summary>
internal sealed class ActivateAdHocActivitiesCommand(ActivateAdHocActivitiesRequest request) : EngineCommand<ProcessInstanceInfo>
{
    public override string Name => "ActivateAdHocActivitiesCommand";

    public override async Task<ProcessInstanceInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = await context.Db.Executions.AsNoTracking()
            .Where(e => e.Id == request.AdHocSubProcessInstanceKey)
            .Select(e => (Guid?)e.ProcessInstanceId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Element instance {request.AdHocSubProcessInstanceKey} does not exist.");
        var runtime = await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(request.AdHocSubProcessInstanceKey)
            ?? throw new EngineObjectNotFoundException($"Element instance {request.AdHocSubProcessInstanceKey} does not exist.");
        context.ActivateAdHocElements(runtime, execution, request.Elements);
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return Snapshot.Of(context, runtime);
    }
}
