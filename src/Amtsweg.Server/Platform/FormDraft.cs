using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A form (form-js JSON) a designer saved in the form editor and has not deployed yet (issue 13.2): one draft per form id
/// and municipality; saving it again from a stale copy is refused (<see cref="Revision"/> is a concurrency token).
/// </summary>
public sealed class FormDraft : ITenantOwned
{
    /// <summary>Longest form id, as the engine stores it.</summary>
    public const int FormIdMaxLength = 255;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The form's <c>id</c>, read from the JSON at every save.</summary>
    public required string FormId { get; set; }

    /// <summary>The form exactly as the editor sent it.</summary>
    public required string Schema { get; set; }

    /// <summary>The number of saves; checked as a concurrency token.</summary>
    public int Revision { get; set; }

    /// <summary>Who saved it first.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was saved first (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who saved it last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was saved last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A first draft of <paramref name="formId"/>, saved by <paramref name="user"/> at <paramref name="now"/>.</summary>
    public static FormDraft New(string formId, string schema, string user, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        FormId = formId,
        Schema = schema,
        Revision = 1,
        CreatedBy = user,
        CreatedAt = now,
        UpdatedBy = user,
        UpdatedAt = now,
    };
}
