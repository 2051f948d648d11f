using System.Globalization;
using System.Xml;
using Amtsweg.Engine;
using Amtsweg.Feel;

namespace Amtsweg.Integration.Connectors;

/// <summary>The limits of the REST connector, in one place (docs/connectors.md names them).</summary>
public static class RestConnectorLimits
{
    /// <summary>How long one attempt may take when the task's <c>zeitlimit</c> header names nothing.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>zeitlimit</c> a task may name.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one call may take with its retries and back-off. Below the engine's default handler timeout (two
    /// minutes), so that the connector reports its own German message before the engine abandons it.
    /// </summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(100);

    /// <summary>How many times a call is repeated at once after a 5xx answer, a timeout or a lost connection.</summary>
    public const int HttpRetries = 2;

    /// <summary>The largest response body read (10 MB); a larger one is cut off, unread, with an incident.</summary>
    public const long MaxResponseBytes = 10L * 1024 * 1024;
}

/// <summary>How the connector signs in at the Fachverfahren (header <c>authentifizierung</c>).</summary>
public enum RestAuthentication
{
    /// <summary><c>keine</c>.</summary>
    None,

    /// <summary><c>apikey</c>: the secret's value in a header (<c>apikey-header</c>, default <c>X-API-Key</c>).</summary>
    ApiKey,

    /// <summary><c>basic</c>: HTTP basic authentication with the secret's user name and password.</summary>
    Basic,

    /// <summary><c>oauth2</c>: a bearer token from OAuth 2.0 client credentials.</summary>
    OAuth2,
}

/// <summary>
/// A REST connector task as its <c>zeebe:taskHeaders</c> describe it, parsed once (at deployment to check it, and for
/// each call). Every header and its meaning: docs/connectors.md.
/// </summary>
internal sealed record RestTask(
    HttpMethod Method,
    RestUrl Url,
    FeelExpression? Body,
    FeelExpression? Response,
    string? ResultVariable,
    RestAuthentication Authentication,
    string? SecretName,
    string ApiKeyHeader,
    Uri? TokenUrl,
    string? ClientId,
    string? Scope,
    TimeSpan Timeout,
    string? ErrorCodeOn4xx)
{
    public const string MethodHeader = "methode";
    public const string UrlHeader = "url";
    public const string BodyHeader = "anfrage";
    public const string ResponseHeader = "antwort";
    public const string ResultVariableHeader = "ergebnisvariable";
    public const string AuthenticationHeader = "authentifizierung";
    public const string SecretHeader = "geheimnis";
    public const string ApiKeyHeaderHeader = "apikey-header";
    public const string TokenUrlHeader = "token-url";
    public const string ClientIdHeader = "client-id";
    public const string ScopeHeader = "scope";
    public const string TimeoutHeader = "zeitlimit";
    public const string ErrorCodeHeader = "fehlercode-bei-4xx";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Parses the headers; null with the problems when the task cannot run.</summary>
    public static RestTask? Parse(IReadOnlyDictionary<string, string> headers, List<ServiceTaskProblem> problems)
    {
        var method = Required(headers, MethodHeader, problems)?.Trim().ToUpperInvariant();
        if (method is not null && !Methods.Contains(method))
        {
            problems.Add(new($"Der Header „methode“ muss GET, POST, PUT, PATCH oder DELETE sein, nicht „{method}“.", $"The header 'methode' must be GET, POST, PUT, PATCH or DELETE, not '{method}'."));
        }

        var url = Required(headers, UrlHeader, problems) is { } urlText ? RestUrl.Parse(urlText, problems) : null;
        var body = Expression(headers, BodyHeader, problems);
        if (body is not null && method is "GET" or "DELETE")
        {
            problems.Add(new($"Eine Anfrage mit {method} hat keinen Inhalt: Entfernen Sie den Header „anfrage“.", $"A {method} request has no body: remove the header 'anfrage'."));
        }

        var response = Expression(headers, ResponseHeader, problems);
        var resultVariable = headers.GetValueOrDefault(ResultVariableHeader)?.Trim();
        if (resultVariable is not null && !IsVariableName(resultVariable))
        {
            problems.Add(new($"Der Header „ergebnisvariable“ muss ein Variablenname sein (Buchstaben, Ziffern, _), nicht „{resultVariable}“.", $"The header 'ergebnisvariable' must be a variable name (letters, digits, _), not '{resultVariable}'."));
        }

        var authText = headers.GetValueOrDefault(AuthenticationHeader)?.Trim() ?? "keine";
        RestAuthentication? authentication = authText switch
        {
            "keine" => RestAuthentication.None,
            "apikey" => RestAuthentication.ApiKey,
            "basic" => RestAuthentication.Basic,
            "oauth2" => RestAuthentication.OAuth2,
            _ => null,
        };
        if (authentication is null)
        {
            problems.Add(new($"Der Header „authentifizierung“ muss keine, apikey, basic oder oauth2 sein, nicht „{authText}“.", $"The header 'authentifizierung' must be keine, apikey, basic or oauth2, not '{authText}'."));
        }

        var secret = headers.GetValueOrDefault(SecretHeader)?.Trim();
        if (authentication is not (null or RestAuthentication.None) && string.IsNullOrEmpty(secret))
        {
            problems.Add(new($"Die Authentifizierung „{authText}“ braucht den Header „geheimnis“ mit dem Namen der Zugangsdaten der Gemeinde.", $"Authentication '{authText}' needs the header 'geheimnis' naming the municipality's credentials."));
        }
        else if (secret is not null && !SecretNames.IsWellFormed(secret))
        {
            problems.Add(new($"Der Header „geheimnis“ nennt keinen gültigen Namen („{secret}“): Kleinbuchstaben, Ziffern und Bindestriche.", $"The header 'geheimnis' names no valid name ('{secret}'): lowercase letters, digits and hyphens."));
        }

        var apiKeyHeader = headers.GetValueOrDefault(ApiKeyHeaderHeader)?.Trim() is { Length: > 0 } h ? h : "X-API-Key";
        if (!IsToken(apiKeyHeader))
        {
            problems.Add(new($"Der Header „apikey-header“ ist kein gültiger HTTP-Headername („{apiKeyHeader}“).", $"The header 'apikey-header' is no valid HTTP header name ('{apiKeyHeader}')."));
        }

        Uri? tokenUrl = null;
        string? clientId = null;
        if (authentication == RestAuthentication.OAuth2)
        {
            var tokenText = Required(headers, TokenUrlHeader, problems);
            if (tokenText is not null && !(Uri.TryCreate(tokenText.Trim(), UriKind.Absolute, out tokenUrl) && tokenUrl.Scheme is "http" or "https"))
            {
                problems.Add(new("Der Header „token-url“ muss eine absolute http- oder https-Adresse sein.", "The header 'token-url' must be an absolute http or https address."));
                tokenUrl = null;
            }

            clientId = Required(headers, ClientIdHeader, problems)?.Trim();
        }

        var timeout = RestConnectorLimits.DefaultTimeout;
        if (headers.GetValueOrDefault(TimeoutHeader) is { } timeoutText)
        {
            if (!TryDuration(timeoutText.Trim(), out timeout) || timeout <= TimeSpan.Zero || timeout > RestConnectorLimits.MaxTimeout)
            {
                problems.Add(new(
                    $"Der Header „zeitlimit“ muss eine ISO-8601-Dauer über 0 und bis {RestConnectorLimits.MaxTimeout.TotalSeconds:0} Sekunden sein (z. B. PT10S), nicht „{timeoutText.Trim()}“.",
                    $"The header 'zeitlimit' must be an ISO 8601 duration above 0 and up to {RestConnectorLimits.MaxTimeout.TotalSeconds:0} seconds (e.g. PT10S), not '{timeoutText.Trim()}'."));
            }
        }

        var errorCode = headers.GetValueOrDefault(ErrorCodeHeader)?.Trim();
        if (errorCode is { Length: 0 })
        {
            problems.Add(new("Der Header „fehlercode-bei-4xx“ ist leer: Nennen Sie den Fehlercode eines Fehler-Grenzereignisses oder entfernen Sie ihn.", "The header 'fehlercode-bei-4xx' is empty: name the error code of an error boundary event or remove it."));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new RestTask(new HttpMethod(method!), url!, body, response, resultVariable, authentication!.Value, secret, apiKeyHeader, tokenUrl, clientId,
            headers.GetValueOrDefault(ScopeHeader)?.Trim() is { Length: > 0 } scope ? scope : null, timeout, errorCode);
    }

    private static string? Required(IReadOnlyDictionary<string, string> headers, string name, List<ServiceTaskProblem> problems)
    {
        if (headers.GetValueOrDefault(name) is { } value && !string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        problems.Add(new($"Der REST-Aufruf braucht den Header „{name}“ (zeebe:taskHeaders).", $"The REST call needs the header '{name}' (zeebe:taskHeaders)."));
        return null;
    }

    private static FeelExpression? Expression(IReadOnlyDictionary<string, string> headers, string name, List<ServiceTaskProblem> problems)
    {
        if (headers.GetValueOrDefault(name) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var expression = text.TrimStart().StartsWith('=') ? text.TrimStart()[1..] : text;
        if (FeelParser.TryParseExpression(expression, null, out var parsed, out var error))
        {
            return parsed;
        }

        problems.Add(new($"Der Header „{name}“ ist kein gültiger FEEL-Ausdruck: {error!.MessageGerman}", $"The header '{name}' is no valid FEEL expression: {error.Message}"));
        return null;
    }

    /// <summary>An ISO 8601 duration such as <c>PT10S</c> or <c>PT1M</c>.</summary>
    internal static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (!text.StartsWith('P'))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool IsVariableName(string name) =>
        name.Length is > 0 and <= 255 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>The timeout in seconds for messages.</summary>
    public string TimeoutText => Timeout.TotalSeconds.ToString("0.#", CultureInfo.GetCultureInfo("de-DE"));
}

/// <summary>
/// The URL of a REST task: a FEEL expression (<c>="https://register.example/gewerbe/" + betriebsnummer</c>) or a text
/// with placeholders (<c>https://register.example/gewerbe/{{ betriebsnummer }}</c>; each placeholder's value is
/// escaped as a path or query part). Evaluated per call; the result must be an absolute http or https address.
/// </summary>
internal sealed class RestUrl
{
    private readonly FeelExpression? _expression;
    private readonly IReadOnlyList<(string Text, FeelExpression? Placeholder)> _parts;

    private RestUrl(FeelExpression? expression, IReadOnlyList<(string, FeelExpression?)> parts) => (_expression, _parts) = (expression, parts);

    public static RestUrl? Parse(string text, List<ServiceTaskProblem> problems)
    {
        text = text.Trim();
        if (text.StartsWith('='))
        {
            if (FeelParser.TryParseExpression(text[1..], null, out var expression, out var error))
            {
                return new RestUrl(expression, []);
            }

            problems.Add(new($"Der Header „url“ ist kein gültiger FEEL-Ausdruck: {error!.MessageGerman}", $"The header 'url' is no valid FEEL expression: {error.Message}"));
            return null;
        }

        var parts = new List<(string, FeelExpression?)>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[at..], null));
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                problems.Add(new("Im Header „url“ ist ein Platzhalter „{{“ nicht mit „}}“ geschlossen.", "A placeholder '{{' in the header 'url' is not closed with '}}'."));
                return null;
            }

            parts.Add((text[at..open], null));
            var inner = text[(open + 2)..close];
            if (!FeelParser.TryParseExpression(inner, null, out var placeholder, out var error))
            {
                problems.Add(new($"Der Platzhalter „{{{{{inner.Trim()}}}}}“ im Header „url“ ist kein gültiger FEEL-Ausdruck: {error!.MessageGerman}", $"The placeholder in the header 'url' is no valid FEEL expression: {error.Message}"));
                return null;
            }

            parts.Add(("", placeholder));
            at = close + 2;
        }

        var literal = string.Concat(parts.Select(p => p.Item1));
        if (!literal.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !literal.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new("Der Header „url“ muss mit http:// oder https:// beginnen oder ein FEEL-Ausdruck mit „=“ sein.", "The header 'url' must start with http:// or https:// or be a FEEL expression starting with '='."));
            return null;
        }

        return new RestUrl(null, parts);
    }

    /// <summary>The address for this call; a German message (without values) when it cannot be made.</summary>
    public Uri Evaluate(FeelScope scope, FeelEvaluationOptions options)
    {
        string text;
        if (_expression is not null)
        {
            var result = _expression.Evaluate(scope, options);
            text = result.Value is FeelString s && !result.HasError
                ? s.Value
                : throw new ServiceTaskIncidentException("Der REST-Aufruf kann nicht gemacht werden: Der Ausdruck im Header „url“ ergibt keinen Text. Prüfen Sie die Variablen, die er nennt.");
        }
        else
        {
            var builder = new System.Text.StringBuilder();
            foreach (var (literal, placeholder) in _parts)
            {
                if (placeholder is null)
                {
                    builder.Append(literal);
                    continue;
                }

                var value = placeholder.Evaluate(scope, options);
                var part = value.Value switch
                {
                    FeelString s => s.Value,
                    FeelNumber n => n.ToFeelString(),
                    FeelBoolean b => b.Value ? "true" : "false",
                    _ => throw new ServiceTaskIncidentException($"Der REST-Aufruf kann nicht gemacht werden: Der Platzhalter „{{{{{placeholder.Text.Trim()}}}}}“ im Header „url“ hat keinen Wert (Text oder Zahl)."),
                };
                builder.Append(Uri.EscapeDataString(part));
            }

            text = builder.ToString();
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            ? uri
            : throw new ServiceTaskIncidentException("Der REST-Aufruf kann nicht gemacht werden: Der Header „url“ ergibt keine absolute http- oder https-Adresse.");
    }
}
