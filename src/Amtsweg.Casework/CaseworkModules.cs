using Amtsweg.Engine;
using Amtsweg.Records;

namespace Amtsweg.Casework;

/// <summary>The modules whose DbContexts share one unit of work here: the e-file owns the transaction, the engine joins it.</summary>
internal static class CaseworkModules
{
    public static readonly IReadOnlyList<string> RecordsAndEngine = [RecordsServiceCollectionExtensions.Module, EngineServiceCollectionExtensions.Module];
}
