using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>Settings of the sign-in throttle (section <c>Amtsweg:SignIn</c>; see README, configuration table).</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:SignIn";

    /// <summary>Failed attempts from one address for one user name within the window, after which that address may not try that name (<c>Amtsweg:SignIn:MaxFailuresPerUserName</c>).</summary>
    public int MaxFailuresPerUserName { get; set; } = 5;

    /// <summary>Failed attempts from one address for any user names within the window, after which that address may not try at all (<c>Amtsweg:SignIn:MaxFailuresPerAddress</c>).</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>How long a failed attempt counts (<c>Amtsweg:SignIn:FailureWindow</c>).</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many addresses and address/user-name pairs the throttle remembers at most (<c>Amtsweg:SignIn:MaxTrackedEntries</c>).</summary>
    public int MaxTrackedEntries { get; set; } = 50_000;
}

/// <summary>Validates <see cref="SignInThrottleOptions"/> at start and names the wrong setting.</summary>
internal sealed class SignInThrottleOptionsValidator : IValidateOptions<SignInThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInThrottleOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailuresPerUserName is < 1 or > 100)
        {
            failures.Add("Amtsweg:SignIn:MaxFailuresPerUserName must be between 1 and 100.");
        }

        if (options.MaxFailuresPerAddress is < 1 or > 10_000)
        {
            failures.Add("Amtsweg:SignIn:MaxFailuresPerAddress must be between 1 and 10000.");
        }

        if (options.FailureWindow < TimeSpan.FromSeconds(1) || options.FailureWindow > TimeSpan.FromDays(1))
        {
            failures.Add("Amtsweg:SignIn:FailureWindow must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.MaxTrackedEntries is < 100 or > 10_000_000)
        {
            failures.Add("Amtsweg:SignIn:MaxTrackedEntries must be between 100 and 10000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>One password attempt as the throttle saw it: refused (with the time to wait) or counted.</summary>
public readonly record struct SignInAttempt(string Address, string UserName, DateTimeOffset At, TimeSpan RetryAfter)
{
    /// <summary>The attempt may not check the password.</summary>
    public bool IsRefused => RetryAfter > TimeSpan.Zero;
}

/// <summary>
/// Counts failed password attempts per client address and per address and user name, in memory, within a sliding
/// window. An address that failed too often is refused before any password is checked, but only that address:
/// a wrong password never locks the account itself, so nobody can lock out <c>administration</c> or an operator at
/// will by typing wrong passwords for their names. An attempt is counted when it begins (so that parallel requests
/// cannot all pass the check before the first failure is recorded) and taken back when it succeeds. Memory is
/// bounded: beyond <see cref="SignInThrottleOptions.MaxTrackedEntries"/> the entries whose failures expired go
/// first, then those that failed longest ago. State is per server process; several processes each count alone.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    // Identity stores user names of at most 256 characters; a longer name cannot exist and needs no more memory.
    private const int MaxUserNameLength = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Address, string? UserName), Failures> _entries = [];

    /// <summary>How many addresses and address/user-name pairs are remembered now.</summary>
    public int TrackedEntries
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Checks whether the address may try this user name now; if so, counts the attempt as failed until <see cref="Succeeded"/>.</summary>
    public SignInAttempt Begin(IPAddress? address, string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var addressKey = AddressKey(address);
        var nameKey = UserNameKey(userName);
        lock (_lock)
        {
            var wait = Max(
                RetryAfter((addressKey, null), settings.MaxFailuresPerAddress, settings.FailureWindow, now),
                RetryAfter((addressKey, nameKey), settings.MaxFailuresPerUserName, settings.FailureWindow, now));
            if (wait > TimeSpan.Zero)
            {
                return new SignInAttempt(addressKey, nameKey, now, wait);
            }

            if (_entries.Count + 2 > settings.MaxTrackedEntries)
            {
                MakeRoom(settings, now);
            }

            Record((addressKey, null), now);
            Record((addressKey, nameKey), now);
            return new SignInAttempt(addressKey, nameKey, now, TimeSpan.Zero);
        }
    }

    /// <summary>The attempt signed in: the address's failures for this name are forgotten and the attempt no longer counts against the address.</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        lock (_lock)
        {
            _entries.Remove((attempt.Address, attempt.UserName));
            if (_entries.TryGetValue((attempt.Address, null), out var byAddress))
            {
                byAddress.Times.Remove(attempt.At);
                if (byAddress.Times.Count == 0)
                {
                    _entries.Remove((attempt.Address, null));
                }
            }
        }
    }

    /// <summary>
    /// The key of a client address. An IPv6 client usually holds a whole /64 network and can pick any address in
    /// it, so IPv6 addresses count per /64; IPv4 addresses mapped into IPv6 count as the IPv4 address.
    /// </summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unbekannt";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string UserNameKey(string userName)
    {
        var trimmed = userName.Trim();
        trimmed = trimmed.Length > MaxUserNameLength ? trimmed[..MaxUserNameLength] : trimmed;
        return trimmed.ToUpperInvariant();
    }

    private static TimeSpan Max(TimeSpan first, TimeSpan second) => first > second ? first : second;

    // Time until fewer than max failures lie within the window; zero when that is so already. Drops expired failures.
    private TimeSpan RetryAfter((string, string?) key, int max, TimeSpan window, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var failures))
        {
            return TimeSpan.Zero;
        }

        failures.Times.RemoveAll(at => at + window <= now);
        if (failures.Times.Count == 0)
        {
            _entries.Remove(key);
            return TimeSpan.Zero;
        }

        return failures.Times.Count < max ? TimeSpan.Zero : failures.Times[failures.Times.Count - max] + window - now;
    }

    private void Record((string, string?) key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var failures))
        {
            failures = new Failures();
            _entries.Add(key, failures);
        }

        // Kept in order even if the clock steps back, so that the oldest relevant failure is found by position.
        var index = failures.Times.BinarySearch(now);
        failures.Times.Insert(index < 0 ? ~index : index, now);
    }

    // Called rarely: it frees a tenth of the room at once, so a flood of new names costs little per attempt.
    private void MakeRoom(SignInThrottleOptions settings, DateTimeOffset now)
    {
        var target = settings.MaxTrackedEntries - 2 - (settings.MaxTrackedEntries / 10);
        var expired = _entries.Where(entry => entry.Value.Times.Count == 0 || entry.Value.Times[^1] + settings.FailureWindow <= now)
            .Select(entry => entry.Key)
            .ToList();
        foreach (var key in expired)
        {
            _entries.Remove(key);
        }

        if (_entries.Count <= target)
        {
            return;
        }

        var oldest = _entries.OrderBy(entry => entry.Value.Times[^1]).Take(_entries.Count - target).Select(entry => entry.Key).ToList();
        foreach (var key in oldest)
        {
            _entries.Remove(key);
        }
    }

    private sealed class Failures
    {
        public List<DateTimeOffset> Times { get; } = [];
    }
}
