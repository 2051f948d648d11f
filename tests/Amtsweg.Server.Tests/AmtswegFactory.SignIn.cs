using System.Net;
using System.Security.Claims;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Tests;

/// <summary>Client addresses and a record of the password hashes the server verified, for the sign-in tests.</summary>
public sealed partial class AmtswegFactory
{
    /// <summary>Test-only request header whose value becomes the connection's remote address (the test host has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Every hash the server's password hasher verified, in order.</summary>
    public VerifiedPasswordHashes VerifiedHashes { get; } = new();

    /// <summary>A browser client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient CreateBrowserClientFrom(string address)
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private void AddSignInTestServices(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter>(new ClientAddress(this));
        services.AddSingleton<IStartupFilter, ExternalLoginFromQuery>();

        // The real hasher with the configured options, only watched.
        services.AddScoped<IPasswordHasher<AppUser>>(provider =>
            new RecordingPasswordHasher(new PasswordHasher<AppUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>()), VerifiedHashes));
    }

    // Startup filters wrap the application's pipeline: this runs before the server's own first middleware, as the peer
    // address of a TCP connection is there before anything reads it.
    private sealed class ClientAddress(AmtswegFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                else if (factory.ConnectionFrom is { } connection)
                {
                    context.Connection.RemoteIpAddress = connection;
                }

                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    factory.SeenClientAddress = context.Connection.RemoteIpAddress;
                }
            });
            next(app);
        };
    }

    /// <summary>Test-only path that plays the identity provider's answer: what the OIDC handler leaves in the external cookie.</summary>
    public const string ExternalLoginPath = "/test/external-login";

    // Signs the query's claims into Identity's external scheme as the OIDC handler does after a successful round trip,
    // so the callback page runs as in production without a real identity provider.
    private sealed class ExternalLoginFromQuery : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would make the path the PathBase and so the external cookie's path.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != ExternalLoginPath)
                {
                    await nextMiddleware(context);
                    return;
                }

                var claims = context.Request.Query.SelectMany(pair => pair.Value.Select(value => new Claim(pair.Key, value ?? "")))
                    .Append(new Claim(ClaimTypes.NameIdentifier, context.Request.Query["sub"].ToString()));
                var properties = new AuthenticationProperties { Items = { ["LoginProvider"] = "oidc" } };
                await context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc")), properties);
            });
            next(app);
        };
    }

    private sealed class RecordingPasswordHasher(IPasswordHasher<AppUser> inner, VerifiedPasswordHashes verified) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            verified.Add(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>The hashes a server verified (thread-safe).</summary>
public sealed class VerifiedPasswordHashes
{
    private readonly List<string> _hashes = [];

    /// <summary>How many verifications ran.</summary>
    public int Count
    {
        get
        {
            lock (_hashes)
            {
                return _hashes.Count;
            }
        }
    }

    /// <summary>The last verified hash.</summary>
    public string Last
    {
        get
        {
            lock (_hashes)
            {
                return _hashes[^1];
            }
        }
    }

    internal void Add(string hash)
    {
        lock (_hashes)
        {
            _hashes.Add(hash);
        }
    }
}
