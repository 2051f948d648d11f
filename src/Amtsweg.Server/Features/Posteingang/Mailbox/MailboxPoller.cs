using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Integration.Mail;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang.Mailbox;

/// <summary>
/// Reads the municipalities' mailboxes into the Posteingang (issue 15, ADR 0031). A server process first claims a
/// mailbox in the database (lease token and expiry, a conditional update as the intake's claims), so that of several
/// processes one reads it at a time; the claim is renewed before each message and a lost claim stops the round. Each
/// message is stored as an e-mail item (the <c>.eml</c> as it came, processed by the intake like an uploaded one), and
/// only then moved on the server; the message's key (UIDVALIDITY and UID) is kept on the item, so a round that stopped
/// between the two moves it next time without storing it again. Failed rounds wait longer each time (doubling from the
/// interval up to <see cref="MailboxOptions.MaxBackoffMinutes"/>) and are logged once, not every round.
/// </summary>
public sealed partial class MailboxPoller(
    IServiceProvider services,
    MailboxReader reader,
    TimeProvider clock,
    IOptions<MailboxOptions> options,
    IOptions<RecordsOptions> records,
    ILogger<MailboxPoller> logger)
{
    /// <summary>Reads every enabled mailbox that is due and not held by another process; returns how many were read.</summary>
    public async Task<int> PollDueAsync(CancellationToken cancellationToken)
    {
        List<Candidate> candidates;
        await using (var scope = services.CreatePlatformScope())
        {
            candidates = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Mailboxes.AsNoTracking().Where(m => m.Enabled)
                .OrderBy(m => m.Id)
                .Select(m => new Candidate(m.Id, m.TenantId, m.NextPollAt, m.LeaseToken, m.LeaseUntil))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        var read = 0;
        foreach (var candidate in candidates.Where(c => c.NextPollAt is null || c.NextPollAt <= now))
        {
            if (await PollAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                read++;
            }
        }

        return read;
    }

    /// <summary>
    /// Reads the current municipality's mailbox now, whether due or not (still only when no other process holds it).
    /// False when there is no mailbox or another process holds it.
    /// </summary>
    public async Task<bool> PollNowAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        Candidate? candidate;
        await using (var scope = services.CreateTenantScope(tenantId))
        {
            candidate = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Mailboxes.AsNoTracking()
                .Select(m => new Candidate(m.Id, m.TenantId, m.NextPollAt, m.LeaseToken, m.LeaseUntil))
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return candidate is not null && await PollAsync(candidate, cancellationToken).ConfigureAwait(false);
    }

    private sealed record Candidate(Guid Id, Guid TenantId, DateTimeOffset? NextPollAt, Guid? LeaseToken, DateTimeOffset? LeaseUntil);

    private async Task<bool> PollAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (candidate.LeaseToken is not null && candidate.LeaseUntil > now)
        {
            return false;
        }

        await using var scope = services.CreateTenantScope(candidate.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var token = Guid.CreateVersion7(now);
        var claimed = await db.Mailboxes.Where(m => m.Id == candidate.Id && m.LeaseToken == candidate.LeaseToken)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseToken, token).SetProperty(m => m.LeaseUntil, now + Lease), cancellationToken).ConfigureAwait(false);
        if (claimed != 1)
        {
            return false;
        }

        var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == candidate.Id, cancellationToken).ConfigureAwait(false);
        string? error = null;
        var round = new MailboxRound(0, 0, 0);
        try
        {
            var server = await ServerAsync(scope.ServiceProvider, mailbox, cancellationToken).ConfigureAwait(false);
            var sink = new Sink(this, scope.ServiceProvider, db, mailbox, token, server.UserName);
            round = await reader.ReadAsync(server, sink, options.Value.MaxMessagesPerRound, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException failure)
        {
            error = failure.Message;
            if (mailbox.Failures == 0 || mailbox.LastError != error)
            {
                LogRoundFailed(logger, mailbox.TenantId, failure.Message, failure.InnerException);
            }
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(logger, mailbox.TenantId);
            return true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            error = "Beim Abruf ist ein interner Fehler aufgetreten; das Protokoll des Servers nennt ihn. Der Abruf wird wiederholt.";
            LogRoundBroke(logger, mailbox.TenantId, failure);
        }

        await FinishAsync(db, mailbox, token, round, error, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private long MaxBytes => records.Value.MaxUploadBytes;

    private DateTimeOffset Now => clock.GetUtcNow();

    private ILogger Logger => logger;

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(options.Value.PollIntervalSeconds, 1));

    private async Task FinishAsync(PlatformDbContext db, MunicipalityMailbox mailbox, Guid token, MailboxRound round, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = error is null ? 0 : mailbox.Failures + 1;
        var wait = error is null
            ? (round.Left > 0 ? TimeSpan.Zero : Interval)
            : TimeSpan.FromTicks(Math.Min(Interval.Ticks * (1L << Math.Min(failures - 1, 20)), TimeSpan.FromMinutes(options.Value.MaxBackoffMinutes).Ticks));
        var message = error is { Length: > MunicipalityMailbox.ErrorMaxLength } ? error[..MunicipalityMailbox.ErrorMaxLength] : error;
        var taken = error is null ? round.Taken : mailbox.LastTaken;
        await db.Mailboxes.Where(m => m.Id == mailbox.Id && m.LeaseToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LastPollAt, now)
                .SetProperty(m => m.LastError, message)
                .SetProperty(m => m.LastTaken, taken)
                .SetProperty(m => m.Failures, failures)
                .SetProperty(m => m.NextPollAt, now + wait)
                .SetProperty(m => m.LeaseToken, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The mailbox with the password of its secret; a <see cref="MailboxException"/> when the secret is gone.</summary>
    internal static async Task<MailboxServer> ServerAsync(IServiceProvider scoped, MunicipalityMailbox mailbox, CancellationToken cancellationToken)
    {
        var secret = await scoped.GetRequiredService<IConnectorSecrets>().FindAsync(mailbox.SecretName, cancellationToken).ConfigureAwait(false);
        if (secret is not { Kind: SecretKind.Basic, UserName: { Length: > 0 } user })
        {
            throw new MailboxException($"Die Zugangsdaten „{mailbox.SecretName}“ gibt es nicht mehr oder sie sind nicht von der Art „Benutzername und Passwort“.");
        }

        return new MailboxServer(mailbox.Host, mailbox.Port, mailbox.Security, user, secret.Value, mailbox.Folder);
    }

    private async Task RenewAsync(PlatformDbContext db, Guid mailboxId, Guid token, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + Lease;
        var renewed = await db.Mailboxes.Where(m => m.Id == mailboxId && m.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until), cancellationToken).ConfigureAwait(false);
        if (renewed != 1)
        {
            throw new LeaseLostException();
        }
    }

    private sealed class LeaseLostException : Exception;

    // Decides and stores message by message for one round of one municipality's mailbox.
    private sealed class Sink(MailboxPoller poller, IServiceProvider scoped, PlatformDbContext db, MunicipalityMailbox mailbox, Guid token, string userName) : IMailboxSink
    {
        private readonly IntakeReceiver _receiver = scoped.GetRequiredService<IntakeReceiver>();

        public async Task<MailboxDecision?> DecideBeforeDownloadAsync(MailboxMessage message, CancellationToken cancellationToken)
        {
            await poller.RenewAsync(db, mailbox.Id, token, cancellationToken).ConfigureAwait(false);
            if (await _receiver.HasSourceAsync(message.Key, cancellationToken).ConfigureAwait(false))
            {
                return MailboxDecision.Taken;
            }

            if (await db.MailboxRejections.AnyAsync(r => r.MessageKey == message.Key, cancellationToken).ConfigureAwait(false))
            {
                return MailboxDecision.Rejected;
            }

            var max = poller.MaxBytes;
            if (message.Size > max)
            {
                return await RejectAsync(message, IntakeReceiver.TooLarge(max).Message, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        public async Task<MailboxDecision> TakeAsync(MailboxMessage message, Stream content, CancellationToken cancellationToken)
        {
            var delivery = new IntakeDelivery(FileName(message), IntakeSource.Email, $"E-Mail-Postfach {userName}", SourcePath: message.Key);
            try
            {
                await _receiver.ReceiveAsync(content, delivery, cancellationToken).ConfigureAwait(false);
                return MailboxDecision.Taken;
            }
            catch (RecordsException refused) when (refused.Code is not RecordsErrors.TenantMissing)
            {
                return await RejectAsync(message, refused.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<MailboxDecision> RejectAsync(MailboxMessage message, string reason, CancellationToken cancellationToken)
        {
            db.MailboxRejections.Add(new MailboxRejection
            {
                Id = Guid.CreateVersion7(poller.Now),
                TenantId = mailbox.TenantId,
                MessageKey = message.Key,
                Sender = Truncate(message.Sender, 300),
                Subject = Truncate(message.Subject, 500),
                Size = message.Size,
                Reason = Truncate(reason, 2000)!,
                RejectedAt = poller.Now,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogRejected(poller.Logger, mailbox.TenantId, reason);
            return MailboxDecision.Rejected;
        }

        // The subject makes the file name a clerk recognises; characters a file name cannot hold become hyphens.
        private static string FileName(MailboxMessage message)
        {
            var subject = new string((message.Subject ?? "").Trim().Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ',' ? c : '-').ToArray()).Trim('.', ' ', '-');
            return (subject.Length == 0 ? "E-Mail" : subject.Length > 100 ? subject[..100].TrimEnd() : subject) + ".eml";
        }

        private static string? Truncate(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the mailbox of tenant {TenantId} failed: {Reason}; it is tried again later, with a growing wait")]
    private static partial void LogRoundFailed(ILogger logger, Guid tenantId, string reason, Exception? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the mailbox of tenant {TenantId} broke off; it is tried again later")]
    private static partial void LogRoundBroke(ILogger logger, Guid tenantId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another server process took over the mailbox of tenant {TenantId}; this round stopped")]
    private static partial void LogLeaseLost(ILogger logger, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A message of the mailbox of tenant {TenantId} was refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid tenantId, string reason);
}
