using System.Globalization;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>Opens a Vorgang in an open Akte; it gets the next number inside the Akte.</summary>
public sealed record OpenVorgangCommand(Guid AkteId, string Title) : RecordsCommand<Vorgang>
{
    internal override async Task<Vorgang> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var title = Validation.Text(Title, "Der Titel des Vorgangs", 500);
        var akte = await context.LockAsync<Akte>(AkteId, "Die Akte", cancellationToken).ConfigureAwait(false);
        RecordsCommandContext.EnsureOpen(akte);
        var number = await context.Db.Vorgaenge.Where(v => v.AkteId == akte.Id).Select(v => (int?)v.Number).MaxAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        var vorgang = new Vorgang
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            AkteId = akte.Id,
            Number = number + 1,
            Aktenzeichen = akte.Aktenzeichen + "-" + (number + 1).ToString(CultureInfo.InvariantCulture),
            Title = title,
            State = RecordState.Open,
            OpenedAt = context.Now,
        };
        context.Db.Vorgaenge.Add(vorgang);
        await SearchIndexer.IndexVorgangAsync(context.Db, vorgang, akte, cancellationToken).ConfigureAwait(false);
        context.Audit(AuditActions.VorgangOpened, nameof(Vorgang), vorgang.Id, ("aktenzeichen", vorgang.Aktenzeichen), ("title", title));
        return vorgang;
    }
}

/// <summary>Closes a Vorgang (zdA): from now on nothing in it can change until it is reopened.</summary>
public sealed record CloseVorgangCommand(Guid VorgangId) : RecordsCommand<Vorgang>
{
    internal override async Task<Vorgang> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        vorgang.State = RecordState.Closed;
        vorgang.ClosedAt = context.Now;
        await SearchIndexer.UpdateStatusAsync(context.Db, vorgang.Id, RecordState.Closed, cancellationToken).ConfigureAwait(false);
        context.Audit(AuditActions.VorgangClosed, nameof(Vorgang), vorgang.Id, ("aktenzeichen", vorgang.Aktenzeichen));
        return vorgang;
    }
}

/// <summary>Reopens a closed Vorgang: its own audited act, with a reason. The Akte must still be open.</summary>
public sealed record ReopenVorgangCommand(Guid VorgangId, string Reason) : RecordsCommand<Vorgang>
{
    internal override async Task<Vorgang> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Die Begründung der Wiederaufnahme", 1000);
        var vorgang = await context.LockAsync<Vorgang>(VorgangId, "Der Vorgang", cancellationToken).ConfigureAwait(false);
        switch (vorgang.State)
        {
            case RecordState.Open:
                throw new RecordsException(RecordsErrors.VorgangNotClosed, $"Der Vorgang {vorgang.Aktenzeichen} ist nicht abgeschlossen.");
            case RecordState.Disposed:
                throw new RecordsException(RecordsErrors.Disposed, $"Der Vorgang {vorgang.Aktenzeichen} wurde ausgesondert.");
            case RecordState.Closed:
                break;
        }

        var akte = await context.LockAsync<Akte>(vorgang.AkteId, "Die Akte", cancellationToken).ConfigureAwait(false);
        RecordsCommandContext.EnsureOpen(akte);
        var closedAt = vorgang.ClosedAt;
        vorgang.State = RecordState.Open;
        vorgang.ClosedAt = null;
        await SearchIndexer.UpdateStatusAsync(context.Db, vorgang.Id, RecordState.Open, cancellationToken).ConfigureAwait(false);
        context.Audit(AuditActions.VorgangReopened, nameof(Vorgang), vorgang.Id,
            ("aktenzeichen", vorgang.Aktenzeichen), ("reason", reason), ("closedAt", closedAt?.ToString("O", CultureInfo.InvariantCulture)));
        return vorgang;
    }
}

/// <summary>Writes a note (Vermerk) on an open Vorgang.</summary>
public sealed record AddVermerkCommand(Guid VorgangId, string Text) : RecordsCommand<Vermerk>
{
    internal override async Task<Vermerk> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var text = Validation.Text(Text, "Der Text des Vermerks", 20_000);
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var note = new Vermerk { Id = context.NewId(), TenantId = context.TenantId, VorgangId = vorgang.Id, Text = text, CreatedBy = context.Actor, CreatedAt = context.Now };
        context.Db.Vermerke.Add(note);
        context.Audit(AuditActions.VermerkAdded, nameof(Vermerk), note.Id, ("vorgang", vorgang.Aktenzeichen), ("textHash", Fingerprint.OfText(text)));
        return note;
    }
}

/// <summary>Sets a follow-up date (Wiedervorlage) on an open Vorgang.</summary>
public sealed record SetWiedervorlageCommand(Guid VorgangId, DateOnly DueOn, string Reason) : RecordsCommand<Wiedervorlage>
{
    internal override async Task<Wiedervorlage> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Der Grund der Wiedervorlage", 1000);

        // A follow-up date is planned work: a typo such as year 1 or 9999 would hide it for ever or forget it at once.
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        if (DueOn < today.AddYears(-1) || DueOn > today.AddYears(30))
        {
            throw RecordsErrors.InvalidError($"Die Wiedervorlage am {DueOn:dd.MM.yyyy} liegt außerhalb des erlaubten Zeitraums (vom {today.AddYears(-1):dd.MM.yyyy} bis zum {today.AddYears(30):dd.MM.yyyy}).");
        }

        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var wiedervorlage = new Wiedervorlage { Id = context.NewId(), TenantId = context.TenantId, VorgangId = vorgang.Id, DueOn = DueOn, Reason = reason, CreatedBy = context.Actor, CreatedAt = context.Now };
        context.Db.Wiedervorlagen.Add(wiedervorlage);
        context.Audit(AuditActions.WiedervorlageSet, nameof(Wiedervorlage), wiedervorlage.Id,
            ("vorgang", vorgang.Aktenzeichen), ("dueOn", DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("reason", reason));
        return wiedervorlage;
    }
}
