namespace Amtsweg.Integration.Connectors;

/// <summary>What a named secret of a municipality is for; a connector task names the secret, the kind says how it is sent.</summary>
public enum SecretKind
{
    /// <summary>An API key, sent in a request header (<c>X-API-Key</c> unless the task names another).</summary>
    ApiKey,

    /// <summary>A user name and password, sent as HTTP basic authentication.</summary>
    Basic,

    /// <summary>The client secret of OAuth 2.0 client credentials; token URL and client id are in the task's headers.</summary>
    OAuth2ClientSecret,
}

/// <summary>
/// A secret as a connector uses it, decrypted for one call. <see cref="ToString"/> never shows the value, so that a
/// secret that ends up in a log line or an exception text by mistake shows only its name.
/// </summary>
public sealed class ConnectorSecret
{
    /// <summary>Creates the secret.</summary>
    public ConnectorSecret(string name, SecretKind kind, string value, string? userName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        (Name, Kind, Value, UserName) = (name, kind, value, userName);
    }

    /// <summary>The name the municipality gave it, e.g. <c>gewerberegister</c>.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public SecretKind Kind { get; }

    /// <summary>The secret value: the API key, the password or the client secret.</summary>
    public string Value { get; }

    /// <summary>The user name of a <see cref="SecretKind.Basic"/> secret, otherwise null.</summary>
    public string? UserName { get; }

    /// <inheritdoc />
    public override string ToString() => $"Geheimnis „{Name}“ ({Kind})";
}

/// <summary>
/// The current municipality's named secrets (the host keeps them encrypted, per municipality, outside the process
/// models). A connector asks for a secret by the name its task header gives.
/// </summary>
public interface IConnectorSecrets
{
    /// <summary>The secret of that name of the current municipality, decrypted; null when there is none.</summary>
    Task<ConnectorSecret?> FindAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The rules for a secret's name, shared by the page that stores secrets and the connectors that name them.</summary>
public static class SecretNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>The longest value (an API key, password or client secret).</summary>
    public const int MaxValueLength = 4096;

    /// <summary>
    /// True for a name of lowercase letters a–z, digits and single hyphens inside, starting with a letter (e.g.
    /// <c>gewerberegister-api</c>): it stands in a BPMN header and needs no quoting.
    /// </summary>
    public static bool IsWellFormed(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] is < 'a' or > 'z' || name[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && name[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
