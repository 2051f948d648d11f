namespace Amtsweg.Server.Features.WorkerApi.UpdateJob;

/// <summary>Camunda 8's <c>JobUpdateRequest</c>.</summary>
public sealed record JobUpdateRequest(JobChangeset? Changeset);

/// <summary>What to change: the retries, and/or the lock to <c>now + timeout</c> ms.</summary>
public sealed record JobChangeset(int? Retries, long? Timeout);
