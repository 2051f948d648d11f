using System.Text.Json;

namespace Amtsweg.Server.Features.Incidents.Retry;

/// <summary>What to retry an incident with: new retries for a failed job, and variables that fix the cause.</summary>
public sealed record RetryIncidentBody(int? Retries, Dictionary<string, JsonElement>? Variables);
