using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amtsweg.Engine;
using Polly.Timeout;

namespace Amtsweg.Integration.Connectors;

/// <summary>
/// Bearer tokens of OAuth 2.0 client credentials (RFC 6749, section 4.4) for the REST connector, kept until shortly
/// before they expire, per municipality, token URL, client id, scope and secret (a replaced secret fetches a new token).
/// The client authenticates with HTTP basic (section 2.3.1). A refused token request is an incident; the secret
/// appears in no message.
/// </summary>
internal sealed class OAuthTokenCache(IHttpClientFactory clients, TimeProvider clock)
{
    /// <summary>A token is fetched anew this long before it expires, so that it does not expire on the way.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    /// <summary>A valid token, from the cache or fetched now.</summary>
    public async Task<string> GetAsync(Guid tenantId, RestTask task, ConnectorSecret secret, string host, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, task) + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Value)));
        if (_tokens.TryGetValue(key, out var cached) && cached.ExpiresAt - Margin > clock.GetUtcNow())
        {
            return cached.Token;
        }

        var tokenHost = task.TokenUrl!.IdnHost;
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (task.Scope is { } scope)
        {
            form.Add(new("scope", scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, task.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(task.ClientId!)}:{Uri.EscapeDataString(secret.Value)}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(RestConnectorHandler.PipelineKey, $"{tenantId:D}|{task.TokenUrl.Scheme}://{task.TokenUrl.Authority}");
        request.Options.Set(RestConnectorHandler.TimeoutKey, task.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(RestConnectorHandler.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new HttpRequestException($"Der Anmeldedienst {tokenHost} wird nach wiederholten Fehlern vorübergehend nicht aufgerufen. Der Aufruf wird später wiederholt.");
        }
        catch (TimeoutRejectedException)
        {
            throw new TimeoutException($"Der Anmeldedienst {tokenHost} hat nicht innerhalb von {task.TimeoutText} Sekunden geantwortet.");
        }
        catch (HttpRequestException)
        {
            throw new HttpRequestException($"Der Anmeldedienst {tokenHost} ist nicht erreichbar.");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                throw new HttpRequestException($"Der Anmeldedienst {tokenHost} hat mit dem Status {status} geantwortet.");
            }

            if (status >= 400)
            {
                throw new ServiceTaskIncidentException($"Der Anmeldedienst {tokenHost} hat die Client-Kennung „{task.ClientId}“ mit den Zugangsdaten „{task.SecretName}“ abgelehnt (Status {status}). Prüfen Sie die Zugangsdaten unter Verwaltung › Zugangsdaten für Fachverfahren und wiederholen Sie dann den Vorfall.");
            }

            var json = await RestConnectorHandler.ReadJsonAsync(response, task, tokenHost, cancellationToken).ConfigureAwait(false);
            var token = json?["access_token"]?.GetValueKind() == JsonValueKind.String ? json["access_token"]!.GetValue<string>() : null;
            var type = json?["token_type"]?.GetValueKind() == JsonValueKind.String ? json["token_type"]!.GetValue<string>() : null;
            if (string.IsNullOrEmpty(token) || !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceTaskIncidentException($"Der Anmeldedienst {tokenHost} hat kein Bearer-Token geliefert (access_token und token_type fehlen oder passen nicht).");
            }

            // Without expires_in (it is optional) a token is used for one minute.
            var lifetime = json!["expires_in"]?.GetValueKind() == JsonValueKind.Number && json["expires_in"]!.GetValue<double>() is var seconds and > 0 and < 86400
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(1);
            _tokens[key] = (token, clock.GetUtcNow() + lifetime);
            return token;
        }
    }

    /// <summary>Drops the tokens of a task (after the Fachverfahren refused one), so that the next call fetches a new one.</summary>
    public void Forget(Guid tenantId, RestTask task)
    {
        var prefix = Key(tenantId, task) + "|";
        foreach (var key in _tokens.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _tokens.TryRemove(key, out _);
        }
    }

    private static string Key(Guid tenantId, RestTask task) => $"{tenantId:D}|{task.TokenUrl}|{task.ClientId}|{task.Scope}";
}
