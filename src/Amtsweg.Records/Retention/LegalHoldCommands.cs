using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Records.Retention;

/// <summary>Sets a legal hold (Aufbewahrungssperre) on an Akte: as long as it stands, the Akte is never due for disposal.</summary>
public sealed record SetLegalHoldCommand(Guid AkteId, string Reason) : RecordsCommand<Akte>
{
    internal override async Task<Akte> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Die Begründung der Aufbewahrungssperre", 1000);
        var akte = await LockNotDisposedAsync(context, AkteId, cancellationToken).ConfigureAwait(false);
        if (akte.LegalHold)
        {
            throw new RecordsException(RecordsErrors.LegalHoldUnchanged, $"Für die Akte {akte.Aktenzeichen} besteht bereits eine Aufbewahrungssperre.");
        }

        akte.LegalHold = true;
        akte.LegalHoldReason = reason;
        context.Audit(AuditActions.LegalHoldSet, nameof(Akte), akte.Id, ("aktenzeichen", akte.Aktenzeichen), ("reason", reason));
        return akte;
    }

    internal static async Task<Akte> LockNotDisposedAsync(RecordsCommandContext context, Guid akteId, CancellationToken cancellationToken)
    {
        var akte = await context.LockAsync<Akte>(akteId, "Die Akte", cancellationToken).ConfigureAwait(false);
        if (akte.State == RecordState.Disposed)
        {
            throw new RecordsException(RecordsErrors.Disposed, $"Die Akte {akte.Aktenzeichen} wurde ausgesondert.");
        }

        return akte;
    }
}

/// <summary>Lifts the legal hold of an Akte; from then on its retention period counts again.</summary>
public sealed record ReleaseLegalHoldCommand(Guid AkteId, string Reason) : RecordsCommand<Akte>
{
    internal override async Task<Akte> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Die Begründung der Aufhebung", 1000);
        var akte = await SetLegalHoldCommand.LockNotDisposedAsync(context, AkteId, cancellationToken).ConfigureAwait(false);
        if (!akte.LegalHold)
        {
            throw new RecordsException(RecordsErrors.LegalHoldUnchanged, $"Für die Akte {akte.Aktenzeichen} besteht keine Aufbewahrungssperre.");
        }

        akte.LegalHold = false;
        akte.LegalHoldReason = null;
        context.Audit(AuditActions.LegalHoldReleased, nameof(Akte), akte.Id, ("aktenzeichen", akte.Aktenzeichen), ("reason", reason));
        return akte;
    }
}
