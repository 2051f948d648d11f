using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Hosting;

/// <summary>Settings of section <c>Amtsweg</c> that shape the server (see README, configuration table).</summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg";

    /// <summary>Minutes of inactivity after which a session ends (<c>Amtsweg:Session:IdleTimeoutMinutes</c>).</summary>
    public int SessionIdleTimeoutMinutes { get; set; } = 30;

    /// <summary>The shortest idle timeout a municipality may choose on its settings page (<c>Amtsweg:Session:MinIdleTimeoutMinutes</c>).</summary>
    public int SessionMinIdleTimeoutMinutes { get; set; } = 15;

    /// <summary>
    /// The longest idle timeout a municipality may choose on its settings page (<c>Amtsweg:Session:MaxIdleTimeoutMinutes</c>);
    /// never more than the absolute lifetime.
    /// </summary>
    public int SessionMaxIdleTimeoutMinutes { get; set; } = 480;

    /// <summary>The range a municipality chooses its idle timeout from: the configured limits, the maximum at most the absolute lifetime.</summary>
    public (int Min, int Max) MunicipalityIdleTimeoutRange =>
        (SessionMinIdleTimeoutMinutes, Math.Min(SessionMaxIdleTimeoutMinutes, SessionAbsoluteLifetimeHours * 60));

    /// <summary>Hours after sign-in when a session ends even while it is used (<c>Amtsweg:Session:AbsoluteLifetimeHours</c>).</summary>
    public int SessionAbsoluteLifetimeHours { get; set; } = 10;

    /// <summary>
    /// Seconds between two checks of a session against the user's security stamp (<c>Amtsweg:Session:ValidationIntervalSeconds</c>):
    /// at the latest this long after sign-out, a password change or reset, disabling or a role change, every session of the user ends.
    /// </summary>
    public int SessionValidationIntervalSeconds { get; set; } = 30;

    /// <summary>When the session cookie carries the Secure flag (<c>Amtsweg:Session:SecureCookies</c>: Always, SameAsRequest).</summary>
    public CookieSecurePolicy SecureCookies { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>Create the demo municipality on an empty embedded database (<c>Amtsweg:Demo:Enabled</c>).</summary>
    public bool DemoEnabled { get; set; } = true;

    /// <summary>OTLP endpoint for traces and metrics (<c>Amtsweg:Telemetry:OtlpEndpoint</c>); none: not exported.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Log format (<c>Amtsweg:Logging:Format</c>): <c>text</c> or <c>json</c>.</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>The largest JSON body an <c>/api</c> route reads (<c>Amtsweg:Api:MaxJsonBytes</c>); a larger one is answered 413.</summary>
    public long MaxJsonBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// IP addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are trusted
    /// (<c>Amtsweg:ReverseProxy:KnownProxies</c>); none, with no <see cref="KnownNetworks"/>: forwarded headers are ignored.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation, e.g. <c>10.0.0.0/8</c>, whose proxies are trusted like <see cref="KnownProxies"/> (<c>Amtsweg:ReverseProxy:KnownNetworks</c>).</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];
}

/// <summary>Validates <see cref="ServerOptions"/> at start and names the wrong setting.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        if (options.SessionIdleTimeoutMinutes is < 1 or > 1440)
        {
            failures.Add("Amtsweg:Session:IdleTimeoutMinutes must be between 1 and 1440.");
        }

        if (options.SessionMinIdleTimeoutMinutes is < 1 or > 1440)
        {
            failures.Add("Amtsweg:Session:MinIdleTimeoutMinutes must be between 1 and 1440.");
        }

        if (options.SessionMaxIdleTimeoutMinutes is < 1 or > 1440 || options.SessionMaxIdleTimeoutMinutes < options.SessionMinIdleTimeoutMinutes)
        {
            failures.Add("Amtsweg:Session:MaxIdleTimeoutMinutes must be between 1 and 1440 and not below Amtsweg:Session:MinIdleTimeoutMinutes.");
        }

        if (options.SessionAbsoluteLifetimeHours is < 1 or > 168)
        {
            failures.Add("Amtsweg:Session:AbsoluteLifetimeHours must be between 1 and 168.");
        }

        if (options.SessionValidationIntervalSeconds is < 0 or > 600)
        {
            failures.Add("Amtsweg:Session:ValidationIntervalSeconds must be between 0 and 600.");
        }

        if (options.SecureCookies is not (CookieSecurePolicy.Always or CookieSecurePolicy.SameAsRequest))
        {
            failures.Add("Amtsweg:Session:SecureCookies must be 'Always' or 'SameAsRequest'.");
        }

        if (options.OtlpEndpoint is { IsAbsoluteUri: false })
        {
            failures.Add("Amtsweg:Telemetry:OtlpEndpoint must be an absolute URL.");
        }

        if (options.LogFormat is not ("text" or "json"))
        {
            failures.Add("Amtsweg:Logging:Format must be 'text' or 'json'.");
        }

        if (options.MaxJsonBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add("Amtsweg:Api:MaxJsonBytes must be between 1024 and 1073741824 bytes.");
        }

        failures.AddRange(options.KnownProxies.Where(p => ReverseProxy.ParseAddress(p) is null)
            .Select(p => $"Amtsweg:ReverseProxy:KnownProxies: '{p}' is not an IP address (e.g. 127.0.0.1 or ::1)."));
        failures.AddRange(options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Amtsweg:ReverseProxy:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
