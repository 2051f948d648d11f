using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Features.Library;

/// <summary>
/// Gives every new instance of a process an installed package deployed the variable <c>parameter</c>: the manifest's
/// defaults merged with the municipality's values, as <see cref="PackageInstallation.Parameters"/> keeps them (the
/// engine asks at every start path, <see cref="IProcessStartVariables"/>). Read once per municipality and kept until an
/// install or update in this process invalidates it, or for <see cref="Lifetime"/> at most, so that another server
/// process sharing the database sees an update within a minute.
/// </summary>
public sealed class PackageParameterCache(IServiceScopeFactory scopes, TimeProvider clock) : IProcessStartVariables
{
    /// <summary>How long a municipality's values are kept without an invalidation from this process.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static readonly IReadOnlyDictionary<string, JsonNode?> None = new Dictionary<string, JsonNode?>();

    private readonly ConcurrentDictionary<Guid, Entry> _tenants = new();

    // Raised by every invalidation: values read while an installation committed are not kept.
    private long _generation;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, JsonNode?> For(Guid tenantId, string processId)
    {
        var now = clock.GetUtcNow();
        if (!_tenants.TryGetValue(tenantId, out var entry) || entry.ReadAt + Lifetime <= now)
        {
            var generation = Interlocked.Read(ref _generation);
            entry = new Entry(Load(tenantId), now);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _tenants[tenantId] = entry;
            }
        }

        return entry.ByProcess.TryGetValue(processId, out var parameters)
            ? new Dictionary<string, JsonNode?> { [PackageValidator.ParameterVariable] = parameters.DeepClone() }
            : None;
    }

    /// <summary>Forgets what was read for <paramref name="tenantId"/> (after an install or update committed).</summary>
    public void Invalidate(Guid tenantId)
    {
        Interlocked.Increment(ref _generation);
        _tenants.TryRemove(tenantId, out _);
    }

    // Synchronous: the engine asks inside a command's step. A separate scope and connection, so it reads committed rows only.
    private Dictionary<string, JsonObject> Load(Guid tenantId)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var byProcess = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var installation in db.PackageInstallations.AsNoTracking().OrderBy(i => i.PackageId).Select(i => new { i.Parameters, i.Deployed }).ToList())
        {
            var parameters = PackageParameterValues.Read(installation.Parameters);
            var deployed = JsonSerializer.Deserialize<InstalledParts>(installation.Deployed, InstalledParts.Json);
            foreach (var process in deployed?.Processes ?? [])
            {
                byProcess.TryAdd(process.Id, parameters);
            }
        }

        return byProcess;
    }

    private sealed record Entry(Dictionary<string, JsonObject> ByProcess, DateTimeOffset ReadAt);
}
