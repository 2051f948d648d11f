using System.Net;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

        // The real hasher with the configured options, only watched.
        services.AddScoped<IPasswordHasher<AppUser>>(provider =>
            new RecordingPasswordHasher(new PasswordHasher<AppUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>()), VerifiedHashes));
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
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
