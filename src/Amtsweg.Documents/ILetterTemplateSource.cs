namespace Amtsweg.Documents;

/// <summary>
/// The letter templates of the current municipality: its own (kept by the server in its platform database, managed by
/// Administration) and the shipped ones it has not replaced with its own version of the same key.
/// </summary>
public interface ILetterTemplateSource
{
    /// <summary>The templates a letter can be written from: the shipped ones in their order (or the municipality's version of them), then its own by name.</summary>
    Task<IReadOnlyList<LetterTemplate>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether a letter can be written from the template <paramref name="key"/>: a shipped one or the municipality's own.
    /// Synchronous because a deployment's checks are (a process task's header <c>brief</c> is checked at deployment).
    /// </summary>
    bool Exists(string key) => LetterTemplate.Find(key) is not null;
}

/// <summary>Only the templates shipped with Amtsweg: the source where no municipality keeps its own.</summary>
public sealed class ShippedLetterTemplateSource : ILetterTemplateSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<LetterTemplate>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(LetterTemplate.Defaults);
}

/// <summary>Finding one template by key.</summary>
public static class LetterTemplateSourceExtensions
{
    /// <summary>The municipality's template with <paramref name="key"/> (its own before the shipped one), or null.</summary>
    public static async Task<LetterTemplate?> FindAsync(this ILetterTemplateSource source, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return key is null ? null : (await source.ListAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));
    }
}
