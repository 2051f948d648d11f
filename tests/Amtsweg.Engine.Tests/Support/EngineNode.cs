using Amtsweg.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Support;

/// <summary>A further node on the database of an <see cref="EngineHost"/> (see <see cref="EngineHost.StartNode"/>).</summary>
public sealed class EngineNode(ServiceProvider services, Guid tenantId) : IAsyncDisposable
{
    /// <summary>A new unit of work on this node, acting for the host's tenant.</summary>
    public AsyncServiceScope CreateScope() => services.CreateTenantScope(tenantId);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
