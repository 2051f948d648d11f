using System.Net;
using System.Security.Cryptography;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Security;

/// <summary>How a password sign-in ended.</summary>
public enum PasswordSignInStatus
{
    /// <summary>The session cookie is set.</summary>
    SignedIn,

    /// <summary>Unknown user name or wrong password; the two are not told apart.</summary>
    Failed,

    /// <summary>The password is right, but the user is disabled (lockout end in the future).</summary>
    Disabled,

    /// <summary>The client's address failed too often; the password was not checked.</summary>
    Throttled,
}

/// <summary>The result of <see cref="PasswordSignIn.SignInAsync"/>; <paramref name="RetryAfter"/> is set when throttled.</summary>
public readonly record struct PasswordSignInOutcome(PasswordSignInStatus Status, TimeSpan RetryAfter);

/// <summary>
/// The one way a password is checked: throttled per client address (<see cref="SignInThrottle"/>), never locking the
/// account on wrong passwords, and with one password hash verified on every path, so that an unknown, a
/// password-less or a disabled user answers as slowly as a known one and with the same message. The lockout end
/// date only carries disabling by the administration.
/// </summary>
public sealed partial class PasswordSignIn(
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    UnknownUserPasswordHash unknownUserHash,
    SignInThrottle throttle,
    PlatformDbContext db,
    TimeProvider clock,
    ILogger<PasswordSignIn> logger)
{
    /// <summary>Checks the password of <paramref name="userName"/> from the client at <paramref name="address"/> and signs in.</summary>
    public async Task<PasswordSignInOutcome> SignInAsync(IPAddress? address, string userName, string password)
    {
        var attempt = throttle.Begin(address, userName);
        if (attempt.IsRefused)
        {
            LogRefused(logger, attempt.Address, LogSafe(userName), (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds));
            return new PasswordSignInOutcome(PasswordSignInStatus.Throttled, attempt.RetryAfter);
        }

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user?.PasswordHash is null)
        {
            // Identity would answer at once here; verify against a hash of the same cost so the time tells nothing.
            hasher.VerifyHashedPassword(user ?? new AppUser(), unknownUserHash.Get(hasher), password);
            return new PasswordSignInOutcome(PasswordSignInStatus.Failed, TimeSpan.Zero);
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            // Identity refuses a locked-out user before checking the password; checking it here keeps the time equal
            // and tells only someone who knows the password that the account is disabled.
            var correct = hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
            return new PasswordSignInOutcome(correct ? PasswordSignInStatus.Disabled : PasswordSignInStatus.Failed, TimeSpan.Zero);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false).ConfigureAwait(false);
        if (result.Succeeded)
        {
            throttle.Succeeded(attempt);
            await db.RecordSignInAsync(user.Id, clock.GetUtcNow()).ConfigureAwait(false);
            return new PasswordSignInOutcome(PasswordSignInStatus.SignedIn, TimeSpan.Zero);
        }

        return new PasswordSignInOutcome(result.IsLockedOut ? PasswordSignInStatus.Disabled : PasswordSignInStatus.Failed, TimeSpan.Zero);
    }

    // A user name is typed by anyone: no line breaks or other control characters into the log, and not unbounded.
    private static string LogSafe(string userName)
    {
        var shortened = userName.Length > 256 ? userName[..256] : userName;
        return string.Create(shortened.Length, shortened, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from {Address} for user name {UserName} refused without checking the password: too many failed attempts; retry after {RetryAfterSeconds} s")]
    private static partial void LogRefused(ILogger logger, string address, string userName, int retryAfterSeconds);
}

/// <summary>
/// A hash of a random password, made once with the configured hasher (same algorithm and iteration count as the
/// users' hashes), for verifying when there is no user hash to verify against.
/// </summary>
public sealed class UnknownUserPasswordHash
{
    private string? _hash;

    /// <summary>The hash, made with <paramref name="hasher"/> on first use.</summary>
    public string Get(IPasswordHasher<AppUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
}
