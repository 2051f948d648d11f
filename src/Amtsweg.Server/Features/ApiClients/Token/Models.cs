using System.Text.Json.Serialization;

namespace Amtsweg.Server.Features.ApiClients.Token;

/// <summary>The successful answer of the token endpoint (RFC 6749, 5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>An error of the token endpoint (RFC 6749, 5.2); the description is German.</summary>
public sealed record TokenError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
