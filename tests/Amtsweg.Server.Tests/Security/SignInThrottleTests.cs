using System.Net;
using Amtsweg.Server.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Amtsweg.Server.Tests.Security;

public class SignInThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.66");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.10");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Begin_RefusesTheName_AfterMaxFailuresFromTheAddress()
    {
        var throttle = Throttle();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.False(throttle.Begin(Attacker, "administration").IsRefused);
        }

        var refused = throttle.Begin(Attacker, "ADMINISTRATION ");

        Assert.True(refused.IsRefused);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.RetryAfter);
        Assert.False(throttle.Begin(Owner, "administration").IsRefused);
        Assert.False(throttle.Begin(Attacker, "betrieb").IsRefused);
    }

    [Fact]
    public void Begin_AllowsOneMoreAttempt_WhenTheOldestFailureLeavesTheWindow()
    {
        var throttle = Throttle();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            throttle.Begin(Attacker, "betrieb");
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Failures at 0, 1, 2, 3, 4 minutes; now is minute 5: the one of minute 0 counts until minute 15.
        Assert.Equal(TimeSpan.FromMinutes(10), throttle.Begin(Attacker, "betrieb").RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(throttle.Begin(Attacker, "betrieb").IsRefused);
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.Begin(Attacker, "betrieb").RetryAfter);
    }

    [Fact]
    public void Begin_RefusesTheAddress_AfterMaxFailuresAcrossNames()
    {
        var throttle = Throttle(new SignInThrottleOptions { MaxFailuresPerAddress = 20 });
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Assert.False(throttle.Begin(Attacker, "name-" + attempt).IsRefused);
        }

        Assert.True(throttle.Begin(Attacker, "noch-ein-name").IsRefused);
        Assert.False(throttle.Begin(Owner, "noch-ein-name").IsRefused);
    }

    [Fact]
    public void Begin_CountsAnAttempt_BeforeItFinishes()
    {
        // Parallel requests must not all pass the check before the first of them failed.
        var throttle = Throttle();
        var running = Enumerable.Range(0, 5).Select(_ => throttle.Begin(Attacker, "administration")).ToList();

        Assert.All(running, attempt => Assert.False(attempt.IsRefused));
        Assert.True(throttle.Begin(Attacker, "administration").IsRefused);
    }

    [Fact]
    public void Succeeded_ForgetsTheNameAndTakesTheAttemptBackFromTheAddress()
    {
        var throttle = Throttle(new SignInThrottleOptions { MaxFailuresPerAddress = 20 });
        for (var attempt = 0; attempt < 4; attempt++)
        {
            throttle.Begin(Owner, "sachbearbeitung");
        }

        throttle.Succeeded(throttle.Begin(Owner, "sachbearbeitung"));

        // A whole office behind one address signs in many times a day without being refused.
        for (var person = 0; person < 50; person++)
        {
            var attempt = throttle.Begin(Owner, "person-" + person);
            Assert.False(attempt.IsRefused);
            throttle.Succeeded(attempt);
        }

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.False(throttle.Begin(Owner, "sachbearbeitung").IsRefused);
        }

        Assert.Equal(2, throttle.TrackedEntries);
    }

    [Fact]
    public void Begin_ForgetsEntries_WhenTheirFailuresExpired()
    {
        var throttle = Throttle();
        throttle.Begin(Attacker, "administration");
        Assert.Equal(2, throttle.TrackedEntries);

        _clock.Advance(TimeSpan.FromMinutes(15));
        throttle.Begin(Attacker, "administration");

        Assert.Equal(2, throttle.TrackedEntries);
        Assert.Equal(TimeSpan.FromMinutes(15), FailUntilRefused(throttle, Attacker, "administration").RetryAfter);
    }

    [Fact]
    public void Begin_KeepsMemoryBounded_WhenManyAddressesTryManyNames()
    {
        var throttle = Throttle(new SignInThrottleOptions { MaxTrackedEntries = 100 });
        for (var client = 0; client < 10_000; client++)
        {
            throttle.Begin(IPAddress.Parse("10.0." + (client / 256) + "." + (client % 256)), "name-" + client);
            Assert.True(throttle.TrackedEntries <= 100, $"{throttle.TrackedEntries} entries after {client + 1} clients");
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        // The address that keeps failing stays remembered while the flood goes on.
        var refused = FailUntilRefused(throttle, Attacker, "administration");
        for (var client = 0; client < 1_000; client++)
        {
            throttle.Begin(IPAddress.Parse("10.1." + (client / 256) + "." + (client % 256)), "name-" + client);
            Assert.True(throttle.Begin(Attacker, "administration").IsRefused);
        }

        Assert.True(refused.IsRefused);
        Assert.True(throttle.TrackedEntries <= 100);
    }

    [Fact]
    public void Begin_KeepsOnlyAShortPrefixOfALongUserName()
    {
        var throttle = Throttle();
        var prefix = new string('a', 256);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            throttle.Begin(Attacker, prefix + new string('b', 10_000 + attempt));
        }

        var refused = throttle.Begin(Attacker, prefix + "c");

        Assert.True(refused.IsRefused);
        Assert.Equal(256, refused.UserName.Length);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData(null, "unbekannt")]
    public void AddressKey_CountsIPv6PerNetwork_AndMappedIPv4AsIPv4(string? address, string key) =>
        Assert.Equal(key, SignInThrottle.AddressKey(address is null ? null : IPAddress.Parse(address)));

    [Theory]
    [InlineData(nameof(SignInThrottleOptions.MaxFailuresPerUserName), "Amtsweg:SignIn:MaxFailuresPerUserName")]
    [InlineData(nameof(SignInThrottleOptions.MaxFailuresPerAddress), "Amtsweg:SignIn:MaxFailuresPerAddress")]
    [InlineData(nameof(SignInThrottleOptions.FailureWindow), "Amtsweg:SignIn:FailureWindow")]
    [InlineData(nameof(SignInThrottleOptions.MaxTrackedEntries), "Amtsweg:SignIn:MaxTrackedEntries")]
    public void Validate_NamesTheSetting_WhenItIsOutOfRange(string property, string setting)
    {
        var options = new SignInThrottleOptions();
        switch (property)
        {
            case nameof(SignInThrottleOptions.MaxFailuresPerUserName):
                options.MaxFailuresPerUserName = 0;
                break;
            case nameof(SignInThrottleOptions.MaxFailuresPerAddress):
                options.MaxFailuresPerAddress = 0;
                break;
            case nameof(SignInThrottleOptions.FailureWindow):
                options.FailureWindow = TimeSpan.Zero;
                break;
            default:
                options.MaxTrackedEntries = 10;
                break;
        }

        var result = new SignInThrottleOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(setting, Assert.Single(result.Failures!).Split(' ')[0]);
        Assert.True(new SignInThrottleOptionsValidator().Validate(null, new SignInThrottleOptions()).Succeeded);
    }

    [Fact]
    public async Task Start_FailsNamingTheSetting_WhenTheWindowIsInvalid()
    {
        await using var factory = await AmtswegFactory.CreateAsync(Amtsweg.Data.Providers.DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Amtsweg:SignIn:FailureWindow"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Amtsweg:SignIn:FailureWindow", error.Message, StringComparison.Ordinal);
    }

    private SignInThrottle Throttle(SignInThrottleOptions? options = null) => new(Options.Create(options ?? new SignInThrottleOptions()), _clock);

    private static SignInAttempt FailUntilRefused(SignInThrottle throttle, IPAddress address, string userName)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var result = throttle.Begin(address, userName);
            if (result.IsRefused)
            {
                return result;
            }
        }

        throw new InvalidOperationException("never refused");
    }
}
