namespace Amtsweg.Documents;

/// <summary>
/// Where the current municipality's letterhead is kept. The server keeps it in its platform database; modules that
/// write letters without knowing the server (a process's letter task) read it through this interface.
/// </summary>
public interface ILetterheadSource
{
    /// <summary>The current municipality's letterhead, or null when it has none yet.</summary>
    /// <exception cref="LetterException">The stored letterhead cannot be used (its logo is not a PNG or JPEG).</exception>
    Task<Letterhead?> FindAsync(CancellationToken cancellationToken);
}
