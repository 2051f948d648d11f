namespace Amtsweg.Server.Features.WorkerApi.FailJob;

/// <summary>Camunda 8's <c>JobFailRequest</c>; <c>retryBackOff</c> in milliseconds.</summary>
public sealed record JobFailRequest(int Retries, string? ErrorMessage, long? RetryBackOff);
