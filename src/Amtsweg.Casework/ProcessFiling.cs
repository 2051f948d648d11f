using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Casework;

/// <summary>
/// Where a process instance is filed: exactly one of an existing Vorgang, an Akte to open a new Vorgang in, or an
/// Aktenplan position to create a new Akte with a new Vorgang under. <paramref name="Title"/> names the new Vorgang
/// (and the new Akte).
/// </summary>
public sealed record VorgangTarget(Guid? VorgangId = null, Guid? AkteId = null, Guid? PositionId = null, string? Title = null);

/// <summary>A process instance started in its Vorgang.</summary>
public sealed record FiledInstance(ProcessInstanceInfo Instance, Vorgang Vorgang);

/// <summary>
/// Composes the engine and the e-file: a process start opens (or attaches to) its Vorgang and runs under the
/// Vorgang's Aktenzeichen as business key. Both modules write through one database connection in one transaction,
/// so a refused start leaves neither a Vorgang nor an Akte nor an audit entry behind, and no Aktenzeichen number is
/// used up. An instance that runs into an incident before its first wait state exists (the engine keeps it at its
/// start event) and is therefore filed like any other.
/// </summary>
public sealed class ProcessFiling(RecordsDbContext records, IProcessEngine engine, RecordsCommandExecutor executor, UnitOfWork unitOfWork)
{
    /// <summary>
    /// The start variable that carries the Vorgang's Aktenzeichen (unless the starter gives one): models correlate
    /// messages with <c>=aktenzeichen</c>, letters print it.
    /// </summary>
    public const string AktenzeichenVariable = "aktenzeichen";

    /// <summary>Starts the latest version of <paramref name="processId"/> in the Vorgang of <paramref name="target"/>.</summary>
    /// <exception cref="RecordsException">The target is invalid, missing or closed.</exception>
    /// <exception cref="ProcessIncidentException">The instance is filed, but ran into an incident.</exception>
    public Task<FiledInstance> StartAsync(string processId, VorgangTarget target, IReadOnlyDictionary<string, object?>? variables, string actor, CancellationToken cancellationToken) =>
        StartAsync(processId, null, target, variables, actor, null, cancellationToken);

    /// <summary>
    /// Starts <paramref name="processDefinitionId"/> (a version of <paramref name="processId"/>; the latest when null) in
    /// the Vorgang of <paramref name="target"/>, and runs <paramref name="fileWithStart"/> in the same transaction once the
    /// instance exists, so that what belongs to the start (the filed start form) is there exactly when the start is.
    /// </summary>
    internal async Task<FiledInstance> StartAsync(
        string processId,
        Guid? processDefinitionId,
        VorgangTarget target,
        IReadOnlyDictionary<string, object?>? variables,
        string actor,
        Func<Vorgang, CancellationToken, Task>? fileWithStart,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var chosen = (target.VorgangId is null ? 0 : 1) + (target.AkteId is null ? 0 : 1) + (target.PositionId is null ? 0 : 1);
        if (chosen != 1)
        {
            throw new RecordsException(RecordsErrors.Invalid, "Geben Sie genau eines an: einen Vorgang, eine Akte oder eine Aktenplanposition.");
        }

        await using var work = await unitOfWork.BeginAsync(CaseworkModules.RecordsAndEngine, cancellationToken);
        var vorgang = await OpenOrFindAsync(target, actor, cancellationToken);
        ProcessIncidentException? incident = null;
        ProcessInstanceInfo? instance = null;

        // Linked before the start: service tasks run inside the start command, and a letter task must find its Vorgang.
        var instanceId = Guid.CreateVersion7();
        await executor.ExecuteAsync(new LinkProcessInstanceCommand(vorgang.Id, instanceId, processId), actor, cancellationToken);
        try
        {
            instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
            {
                ProcessId = processDefinitionId is null ? processId : null,
                ProcessDefinitionId = processDefinitionId,
                BusinessKey = vorgang.Aktenzeichen,
                Variables = variables,
                HostVariables = new Dictionary<string, object?> { [AktenzeichenVariable] = vorgang.Aktenzeichen },
                UserId = actor,
                ProcessInstanceId = instanceId,
            }, cancellationToken);
        }
        catch (ProcessIncidentException error) when (error.Incident?.ProcessInstanceId == instanceId)
        {
            incident = error;
        }

        if (fileWithStart is not null)
        {
            // Also after an incident: the instance is kept at its start event with these variables.
            await fileWithStart(vorgang, cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        if (incident is not null)
        {
            throw incident;
        }

        return new FiledInstance(instance!, vorgang);
    }

    private async Task<Vorgang> OpenOrFindAsync(VorgangTarget target, string actor, CancellationToken cancellationToken)
    {
        if (target.VorgangId is { } vorgangId)
        {
            // The link command below refuses a closed Vorgang, which rolls the started instance back with it.
            return await records.Vorgaenge.AsNoTracking().SingleOrDefaultAsync(v => v.Id == vorgangId, cancellationToken)
                ?? throw new RecordsException(RecordsErrors.NotFound, $"Der Vorgang {vorgangId} wurde nicht gefunden.");
        }

        var akteId = target.AkteId;
        if (target.PositionId is { } positionId)
        {
            akteId = (await executor.ExecuteAsync(new CreateAkteCommand(positionId, target.Title ?? ""), actor, cancellationToken)).Id;
        }

        return await executor.ExecuteAsync(new OpenVorgangCommand(akteId!.Value, target.Title ?? ""), actor, cancellationToken);
    }
}
