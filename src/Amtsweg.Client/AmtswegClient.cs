using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Client;

/// <summary>
/// A typed client of Amtsweg's worker API (<c>/v2</c>, the routes and shapes of the Camunda 8 REST API) for an API
/// client with OAuth 2.0 client credentials. It fetches a bearer token from <c>/connect/token</c> and fetches a new one
/// shortly before it expires or when the server refuses it (401). Thread-safe.
/// </summary>
public sealed class AmtswegClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _token;

    /// <summary>Creates the client; <paramref name="http"/> has the server's address as its base address.</summary>
    public AmtswegClient(HttpClient http, string clientId, string clientSecret, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Starts an instance of the latest version of a process.</summary>
    public async Task<CreatedProcessInstance> CreateProcessInstanceAsync(string processDefinitionId, object? variables = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<CreatedProcessInstance>(HttpMethod.Post, "v2/process-instances", new { processDefinitionId, variables }, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Locks up to <paramref name="maxJobs"/> jobs of a type; with <paramref name="requestTimeout"/> waits for them (long polling).</summary>
    public async Task<IReadOnlyList<ActivatedJob>> ActivateJobsAsync(
        string type, string worker, TimeSpan timeout, int maxJobs, IReadOnlyList<string>? fetchVariables = null, TimeSpan? requestTimeout = null, CancellationToken cancellationToken = default)
    {
        var body = new
        {
            type,
            worker,
            timeout = (long)timeout.TotalMilliseconds,
            maxJobsToActivate = maxJobs,
            fetchVariable = fetchVariables,
            requestTimeout = requestTimeout is { } wait ? (long)wait.TotalMilliseconds : (long?)null,
        };
        var result = await SendAsync<ActivationResult>(HttpMethod.Post, "v2/jobs/activation", body, cancellationToken).ConfigureAwait(false);
        return result!.Jobs;
    }

    /// <summary>Completes a job with variables.</summary>
    public Task CompleteJobAsync(string jobKey, object? variables = null, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"v2/jobs/{Uri.EscapeDataString(jobKey)}/completion", new { variables }, cancellationToken);

    /// <summary>Reports a failed attempt: retries left (0 raises an incident), message and back-off.</summary>
    public Task FailJobAsync(string jobKey, int retries, string? errorMessage, TimeSpan retryBackOff = default, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"v2/jobs/{Uri.EscapeDataString(jobKey)}/failure",
            new { retries, errorMessage, retryBackOff = (long)retryBackOff.TotalMilliseconds }, cancellationToken);

    /// <summary>Throws a BPMN error at the job's task.</summary>
    public Task ThrowJobErrorAsync(string jobKey, string errorCode, string? errorMessage = null, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"v2/jobs/{Uri.EscapeDataString(jobKey)}/error", new { errorCode, errorMessage }, cancellationToken);

    /// <summary>Changes a job's retries and/or extends its lock by <paramref name="timeout"/> from now.</summary>
    public Task UpdateJobAsync(string jobKey, int? retries, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Patch, $"v2/jobs/{Uri.EscapeDataString(jobKey)}",
            new { changeset = new { retries, timeout = timeout is { } t ? (long)t.TotalMilliseconds : (long?)null } }, cancellationToken);

    /// <summary>Correlates a message to the waiting instance or a message start event.</summary>
    public async Task<CorrelatedMessage> CorrelateMessageAsync(string name, string? correlationKey, object? variables = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<CorrelatedMessage>(HttpMethod.Post, "v2/messages/correlation", new { name, correlationKey, variables }, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Deploys BPMN, DMN and form (<c>.form</c>) files (name and content) as one deployment.</summary>
    public async Task<JsonElement> DeployAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return await SendAsync<JsonElement>(HttpMethod.Post, "v2/deployments", null, cancellationToken, () =>
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, text) in files)
            {
                content.Add(new StringContent(text), "resources", name);
            }

            return content;
        }).ConfigureAwait(false);
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() ?? (body is null ? null : JsonContent.Create(body, options: Json)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(attempt > 0, cancellationToken).ConfigureAwait(false));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);

            // A token can be refused before its time (the server restarted with other keys): fetch a new one once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                continue;
            }

            await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object))
            {
                return default;
            }

            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!renew && _token is { } cached && _clock.GetUtcNow() < cached.RefreshAt)
            {
                return cached.Token;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            });
            using var response = await _http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
            await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(Json, cancellationToken).ConfigureAwait(false)
                ?? throw new AmtswegApiException(response.StatusCode, "client.token-missing", "Der Server hat kein Zugriffstoken geliefert.");
            _token = (token.Access_token, _clock.GetUtcNow() + TimeSpan.FromSeconds(token.Expires_in) - RefreshMargin);
            return token.Access_token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? code = null;
        string? title = null;
        try
        {
            var problem = JsonNode.Parse(text);
            code = problem?["code"]?.GetValue<string>() ?? problem?["error"]?.GetValue<string>();
            title = problem?["title"]?.GetValue<string>() ?? problem?["error_description"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status says enough.
        }

        throw new AmtswegApiException(response.StatusCode, code, title ?? $"HTTP {(int)response.StatusCode}");
    }

    private sealed record TokenResponse(string Access_token, string Token_type, int Expires_in, string? Scope);

    private sealed record ActivationResult(IReadOnlyList<ActivatedJob> Jobs);
}

/// <summary>The server refused a call: the HTTP status and the problem's stable code (or the OAuth error).</summary>
public sealed class AmtswegApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AmtswegApiException(HttpStatusCode status, string? code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public AmtswegApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AmtswegApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AmtswegApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's code, e.g. <c>engine.job-lock-lost</c>, or the OAuth error, e.g. <c>invalid_client</c>.</summary>
    public string? Code { get; }
}

/// <summary>A started process instance (Camunda 8's <c>CreateProcessInstanceResult</c>).</summary>
public sealed record CreatedProcessInstance(
    string ProcessDefinitionKey, string ProcessDefinitionId, int ProcessDefinitionVersion, string TenantId, Dictionary<string, JsonElement> Variables, string ProcessInstanceKey);

/// <summary>An activated job (Camunda 8's <c>ActivatedJobResult</c>).</summary>
public sealed record ActivatedJob(
    string JobKey,
    string Type,
    string ProcessInstanceKey,
    string ProcessDefinitionId,
    int ProcessDefinitionVersion,
    string ProcessDefinitionKey,
    string ElementId,
    string ElementInstanceKey,
    Dictionary<string, string> CustomHeaders,
    string Worker,
    int Retries,
    long Deadline,
    Dictionary<string, JsonElement> Variables,
    string TenantId);

/// <summary>A correlated message (Camunda 8's <c>MessageCorrelationResult</c>).</summary>
public sealed record CorrelatedMessage(string TenantId, string MessageKey, string ProcessInstanceKey);
