namespace Amtsweg.Server.Features.WorkerApi.ThrowJobError;

/// <summary>Camunda 8's <c>JobErrorRequest</c> (without <c>variables</c>, which are not supported yet).</summary>
public sealed record JobErrorRequest(string? ErrorCode, string? ErrorMessage);
