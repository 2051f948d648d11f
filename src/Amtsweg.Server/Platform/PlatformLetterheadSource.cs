using Amtsweg.Documents;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>The current municipality's letterhead from the platform database, for letters a process writes (Casework) and the letter page.</summary>
internal sealed class PlatformLetterheadSource(PlatformDbContext platform) : ILetterheadSource
{
    public async Task<Letterhead?> FindAsync(CancellationToken cancellationToken) =>
        (await platform.Letterheads.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.ToLetterhead();
}
