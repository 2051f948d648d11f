using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Feel;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Amtsweg.Integration.Connectors;

/// <summary>
/// The built-in job type <c>amtsweg:rest</c> (issue 15.1, ADR 0027): a service task calls a Fachverfahren over HTTP as
/// its headers describe (method, URL, FEEL for the JSON body and for the mapping of the answer, authentication with a
/// named secret of the municipality, time limit). The HTTP client repeats a call at once after a 5xx answer, a timeout
/// or a lost connection, with exponential back-off, and stops calling a host of a municipality for a while when it keeps
/// failing (a circuit breaker per host and municipality); every attempt carries the job's key as <c>Idempotency-Key</c>.
/// What retrying cannot mend stops the job with an incident and a German message: a 4xx answer (or a BPMN error when
/// <c>fehlercode-bei-4xx</c> names one), an answer that is not JSON, one larger than
/// <see cref="RestConnectorLimits.MaxResponseBytes"/>, a missing secret. Still failing after the HTTP retries, the
/// job fails and the engine's retries and incident apply. No message, log line or exception text carries a secret or
/// the address beyond its host (the path may hold personal data).
/// </summary>
internal sealed partial class RestConnectorHandler(
    IHttpClientFactory clients,
    IConnectorSecrets secrets,
    OAuthTokenCache tokens,
    TenantContext tenant,
    TimeProvider clock,
    ILogger<RestConnectorHandler> logger) : IServiceTaskHandler
{
    /// <summary>The job type (<c>zeebe:taskDefinition type</c>).</summary>
    public const string Type = "amtsweg:rest";

    /// <summary>The name of the HTTP client with the resilience pipeline.</summary>
    public const string HttpClientName = "Amtsweg.Connectors.Rest";

    /// <summary>The request option that selects the circuit breaker: municipality and host.</summary>
    internal static readonly HttpRequestOptionsKey<string> PipelineKey = new("Amtsweg.Connectors.PipelineKey");

    /// <summary>The request option with the task's time limit per attempt.</summary>
    internal static readonly HttpRequestOptionsKey<TimeSpan> TimeoutKey = new("Amtsweg.Connectors.Timeout");

    public string JobType => Type;

    public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers)
    {
        var problems = new List<ServiceTaskProblem>();
        RestTask.Parse(headers, problems);
        return problems;
    }

    public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<ServiceTaskProblem>();
        var task = RestTask.Parse(context.Headers, problems)
            ?? throw new ServiceTaskIncidentException("Der REST-Aufruf ist falsch beschrieben: " + string.Join(" ", problems.Select(p => p.MessageGerman)));
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("The REST connector runs only for a municipality.");
        var options = new FeelEvaluationOptions { Clock = clock };
        var scope = FeelScope.From(context.Variables.Select(v => KeyValuePair.Create(v.Key, (object?)v.Value)));

        var url = task.Url.Evaluate(scope, options);
        var host = url.IdnHost;
        string? body = null;
        if (task.Body is not null)
        {
            var value = task.Body.Evaluate(scope, options);
            if (value.HasError)
            {
                throw new ServiceTaskIncidentException($"Der REST-Aufruf an {host} kann nicht gemacht werden: Der Ausdruck im Header „anfrage“ ist fehlgeschlagen. {string.Join(" ", value.Diagnostics.Select(d => d.MessageGerman))}");
            }

            body = FeelConvert.ToJson(value.Value)?.ToJsonString() ?? "null";
        }

        var secret = await SecretAsync(task, host, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(task.Method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.JobKey.ToString("D"));
        request.Options.Set(PipelineKey, $"{tenantId:D}|{url.Scheme}://{url.Authority}");
        request.Options.Set(TimeoutKey, task.Timeout);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        await AuthenticateAsync(request, task, secret, tenantId, host, cancellationToken).ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            LogCircuitOpen(logger, host, tenantId);
            throw new HttpRequestException($"Das Fachverfahren {host} wird nach wiederholten Fehlern vorübergehend nicht aufgerufen. Der Aufruf wird später wiederholt.");
        }
        catch (TimeoutRejectedException)
        {
            throw new TimeoutException($"Das Fachverfahren {host} hat nicht innerhalb von {task.TimeoutText} Sekunden geantwortet (auch nicht nach {RestConnectorLimits.HttpRetries} Wiederholungen).");
        }
        catch (HttpRequestException)
        {
            // The exception's own text may name the whole address; the message names the host only.
            throw new HttpRequestException($"Das Fachverfahren {host} ist nicht erreichbar (auch nicht nach {RestConnectorLimits.HttpRetries} Wiederholungen).");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 401 && task.Authentication == RestAuthentication.OAuth2)
            {
                tokens.Forget(tenantId, task);
            }

            if (status >= 500)
            {
                throw new HttpRequestException($"Das Fachverfahren {host} hat mit dem Status {status} geantwortet (auch nach {RestConnectorLimits.HttpRetries} Wiederholungen).");
            }

            if (status >= 400)
            {
                if (task.ErrorCodeOn4xx is { } code)
                {
                    throw new BpmnErrorException(code, $"Das Fachverfahren {host} hat die Anfrage mit dem Status {status} abgelehnt.");
                }

                throw new ServiceTaskIncidentException(status is 401 or 403 && task.Authentication == RestAuthentication.None
                    ? $"Das Fachverfahren {host} verlangt eine Anmeldung (Status {status}), der Aufruf meldet sich aber nicht an: Ergänzen Sie im Prozess die Header „authentifizierung“ und „geheimnis“."
                    : status is 401 or 403
                    ? $"Das Fachverfahren {host} hat die Anmeldung abgelehnt (Status {status}). Prüfen Sie die Zugangsdaten „{task.SecretName}“ unter Verwaltung › Zugangsdaten für Fachverfahren und wiederholen Sie dann den Vorfall."
                    : $"Das Fachverfahren {host} hat die Anfrage abgelehnt (Status {status}). Prüfen Sie die Daten des Vorgangs und die Beschreibung des Aufrufs; eine Wiederholung ändert daran nichts.");
            }

            if (status is >= 300 and < 400)
            {
                throw new ServiceTaskIncidentException($"Das Fachverfahren {host} hat auf eine andere Adresse verwiesen (Status {status}). Weiterleitungen werden nicht verfolgt: Tragen Sie die neue Adresse im Prozess ein.");
            }

            var json = await ReadJsonAsync(response, task, host, cancellationToken).ConfigureAwait(false);
            return Map(task, response, status, json, scope, options, host);
        }
    }

    private async Task<ConnectorSecret?> SecretAsync(RestTask task, string host, CancellationToken cancellationToken)
    {
        if (task.Authentication == RestAuthentication.None)
        {
            return null;
        }

        var secret = await secrets.FindAsync(task.SecretName!, cancellationToken).ConfigureAwait(false)
            ?? throw new ServiceTaskIncidentException($"Der REST-Aufruf an {host} braucht die Zugangsdaten „{task.SecretName}“, die es in dieser Gemeinde nicht gibt. Legen Sie sie unter Verwaltung › Zugangsdaten für Fachverfahren an und wiederholen Sie dann den Vorfall.");
        var expected = task.Authentication switch
        {
            RestAuthentication.ApiKey => SecretKind.ApiKey,
            RestAuthentication.Basic => SecretKind.Basic,
            RestAuthentication.OAuth2 => SecretKind.OAuth2ClientSecret,
            RestAuthentication.None => throw new InvalidOperationException("No secret without authentication."),
            _ => throw new InvalidOperationException("Unknown authentication."),
        };
        return secret.Kind == expected
            ? secret
            : throw new ServiceTaskIncidentException($"Die Zugangsdaten „{task.SecretName}“ passen nicht zur Authentifizierung „{Header(task.Authentication)}“ des REST-Aufrufs an {host}. Ersetzen Sie sie unter Verwaltung › Zugangsdaten für Fachverfahren oder ändern Sie den Prozess.");
    }

    private async Task AuthenticateAsync(HttpRequestMessage request, RestTask task, ConnectorSecret? secret, Guid tenantId, string host, CancellationToken cancellationToken)
    {
        switch (task.Authentication)
        {
            case RestAuthentication.None:
                return;
            case RestAuthentication.ApiKey:
                request.Headers.TryAddWithoutValidation(task.ApiKeyHeader, secret!.Value);
                return;
            case RestAuthentication.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secret!.UserName}:{secret.Value}")));
                return;
            case RestAuthentication.OAuth2:
                var token = await tokens.GetAsync(tenantId, task, secret!, host, cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
            default:
                throw new InvalidOperationException("Unknown authentication.");
        }
    }

    /// <summary>
    /// Reads the body as JSON, at most <see cref="RestConnectorLimits.MaxResponseBytes"/>: a larger one is not read
    /// (the connection is dropped). An empty body is null.
    /// </summary>
    internal static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, RestTask task, string host, CancellationToken cancellationToken)
    {
        var tooLarge = new ServiceTaskIncidentException(
            $"Die Antwort des Fachverfahrens {host} ist größer als {RestConnectorLimits.MaxResponseBytes / (1024 * 1024)} MB und wurde nicht gelesen. Klären Sie mit dem Betreiber des Fachverfahrens, warum es so viel liefert.");
        if (response.Content.Headers.ContentLength > RestConnectorLimits.MaxResponseBytes)
        {
            throw tooLarge;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(task.Timeout);
        byte[] bytes;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, limit.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > RestConnectorLimits.MaxResponseBytes)
                {
                    throw tooLarge;
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Das Fachverfahren {host} hat seine Antwort nicht innerhalb von {task.TimeoutText} Sekunden zu Ende geschickt.");
        }
        catch (IOException)
        {
            throw new HttpRequestException($"Die Verbindung zum Fachverfahren {host} ist während der Antwort abgebrochen.");
        }

        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            var type = response.Content.Headers.ContentType?.MediaType ?? "ohne Angabe";
            throw new ServiceTaskIncidentException(
                $"Das Fachverfahren {host} hat eine Antwort geliefert, die kein gültiges JSON ist (Inhaltstyp {type}). Klären Sie mit dem Betreiber des Fachverfahrens, was es liefert; eine Wiederholung ändert daran meist nichts.");
        }
    }

    private static Dictionary<string, object?> Map(RestTask task, HttpResponseMessage response, int status, JsonNode? body, FeelScope scope, FeelEvaluationOptions options, string host)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        var answer = new JsonObject { ["status"] = status, ["body"] = body?.DeepClone(), ["headers"] = headers };
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (task.ResultVariable is { } variable)
        {
            result[variable] = answer.DeepClone();
        }

        if (task.Response is { } mapping)
        {
            var mapped = mapping.Evaluate(scope.Set("antwort", FeelConvert.FromJson(answer)), options);
            if (mapped.HasError || mapped.Value is not FeelContext context)
            {
                throw new ServiceTaskIncidentException(
                    $"Die Antwort des Fachverfahrens {host} lässt sich nicht übernehmen: Der Header „antwort“ muss einen Kontext mit den Ergebnisvariablen ergeben, z. B. {{betrieb: antwort.body.name}}. {string.Join(" ", mapped.Diagnostics.Select(d => d.MessageGerman))}".TrimEnd());
            }

            foreach (var (name, value) in context.Entries)
            {
                result[name] = FeelConvert.ToJson(value);
            }
        }

        return result;
    }

    private static string Header(RestAuthentication authentication) => authentication switch
    {
        RestAuthentication.None => "keine",
        RestAuthentication.ApiKey => "apikey",
        RestAuthentication.Basic => "basic",
        RestAuthentication.OAuth2 => "oauth2",
        _ => authentication.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The circuit to {Host} of tenant {TenantId} is open; the REST call is not made")]
    private static partial void LogCircuitOpen(ILogger logger, string host, Guid tenantId);
}
