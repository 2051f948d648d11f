using System.Text.Json.Nodes;

namespace Amtsweg.Engine;

/// <summary>
/// Variables the host gives every new instance of a process, whichever way it starts (the API, a message, a timer, a
/// signal, a condition, a call activity): Amtsweg's server gives the processes of an installed package the variable
/// <c>parameter</c> with the municipality's values. Register one with
/// <see cref="EngineServiceCollectionExtensions.AddProcessStartVariables{TProvider}"/>; it is asked inside the engine
/// command that creates the instance, so it must answer quickly (cache what it reads).
/// </summary>
public interface IProcessStartVariables
{
    /// <summary>
    /// The variables for a new instance of <paramref name="processId"/> in <paramref name="tenantId"/>, or an empty
    /// dictionary. A variable the starter passes wins; when both are contexts (JSON objects), they are merged key by key
    /// and the starter's keys win.
    /// </summary>
    IReadOnlyDictionary<string, JsonNode?> For(Guid tenantId, string processId);
}
