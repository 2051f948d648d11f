using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>Creates a position of the Aktenplan.</summary>
/// <param name="Code">The position's number, e.g. <c>32.10</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="ParentCode">The parent position's code, or null for a top-level position.</param>
/// <param name="RetentionYears">Aufbewahrungsfrist in years (0–200).</param>
/// <param name="DisposalRule">What happens after the retention period.</param>
public sealed record CreateAktenplanPositionCommand(string Code, string Title, string? ParentCode, int RetentionYears, DisposalRule DisposalRule)
    : RecordsCommand<AktenplanPosition>
{
    internal override Task<AktenplanPosition> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken) =>
        CreateAsync(context, Code, Title, ParentCode, RetentionYears, DisposalRule, cancellationToken);

    internal static async Task<AktenplanPosition> CreateAsync(RecordsCommandContext context, string rawCode, string rawTitle, string? parentCode, int retentionYears, DisposalRule disposalRule, CancellationToken cancellationToken)
    {
        var code = Validation.Text(rawCode, "Die Nummer der Aktenplanposition", 40);
        if (code.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            throw RecordsErrors.InvalidError("Die Nummer der Aktenplanposition darf keine Leerzeichen oder Klammern enthalten.");
        }

        var title = Validation.Text(rawTitle, "Der Titel der Aktenplanposition", 300);
        Validation.Retention(retentionYears);
        Validation.Defined(disposalRule);
        Guid? parentId = null;
        if (parentCode is not null)
        {
            parentId = (await context.Db.AktenplanPositionen.SingleOrDefaultAsync(p => p.Code == parentCode, cancellationToken).ConfigureAwait(false))?.Id
                ?? throw new RecordsException(RecordsErrors.NotFound, $"Die übergeordnete Aktenplanposition {parentCode} gibt es nicht.");
        }

        if (await context.Db.AktenplanPositionen.AnyAsync(p => p.Code == code, cancellationToken).ConfigureAwait(false))
        {
            throw new RecordsException(RecordsErrors.PositionDuplicate, $"Die Aktenplanposition {code} gibt es bereits.");
        }

        var position = new AktenplanPosition
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            ParentId = parentId,
            Code = code,
            Title = title,
            RetentionYears = retentionYears,
            DisposalRule = disposalRule,
        };
        context.Db.AktenplanPositionen.Add(position);
        context.Audit(AuditActions.PositionCreated, nameof(AktenplanPosition), position.Id,
            ("code", code), ("title", title), ("parent", parentCode), ("retentionYears", retentionYears.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("disposalRule", disposalRule.ToString()));
        return position;
    }
}

/// <summary>Changes the retention period and disposal rule of an Aktenplan position (an audited act).</summary>
public sealed record ChangeRetentionCommand(Guid PositionId, int RetentionYears, DisposalRule DisposalRule, string Reason)
    : RecordsCommand<AktenplanPosition>
{
    internal override async Task<AktenplanPosition> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        Validation.Retention(RetentionYears);
        Validation.Defined(DisposalRule);
        var reason = Validation.Text(Reason, "Die Begründung", 1000);
        var position = await context.Db.AktenplanPositionen.SingleOrDefaultAsync(p => p.Id == PositionId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Die Aktenplanposition", PositionId);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        context.Audit(AuditActions.RetentionChanged, nameof(AktenplanPosition), position.Id,
            ("code", position.Code),
            ("fromRetentionYears", position.RetentionYears.ToString(inv)), ("toRetentionYears", RetentionYears.ToString(inv)),
            ("fromDisposalRule", position.DisposalRule.ToString()), ("toDisposalRule", DisposalRule.ToString()),
            ("reason", reason));
        position.RetentionYears = RetentionYears;
        position.DisposalRule = DisposalRule;
        return position;
    }
}

internal static class Validation
{
    public static string Text(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw RecordsErrors.InvalidError($"{what} fehlt.");
        }

        if (trimmed.Length > maxLength)
        {
            throw RecordsErrors.InvalidError($"{what} ist länger als {maxLength} Zeichen.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string what, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, what, maxLength);

    public static void Retention(int years)
    {
        if (years is < 0 or > 200)
        {
            throw RecordsErrors.InvalidError("Die Aufbewahrungsfrist muss zwischen 0 und 200 Jahren liegen.");
        }
    }

    public static void Defined<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw RecordsErrors.InvalidError($"Der Wert {value} ist für {typeof(TEnum).Name} nicht erlaubt.");
        }
    }
}
