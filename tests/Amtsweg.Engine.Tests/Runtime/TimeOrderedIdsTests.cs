using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine.Tests.Runtime;

public sealed class TimeOrderedIdsTests
{
    [Fact]
    public void NewId_IsVersion7WithRfcVariant_AndCarriesTheCurrentMillisecond()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = TimeOrderedIds.NewId();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, id.Variant & 0b1100);
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        Assert.InRange(milliseconds, before, after);
    }

    [Fact]
    public void NewId_GivesNoDuplicates_AcrossBufferRefillsAndThreads()
    {
        // 400 ids use up one random buffer: 20,000 per thread on four threads refill it many times.
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                ids.Add(TimeOrderedIds.NewId());
            }
        });

        Assert.Equal(80_000, ids.Distinct().Count());
    }

    [Fact]
    public void NewId_SortsAfterAnIdOfAnEarlierMillisecond()
    {
        var first = TimeOrderedIds.NewId();
        var millisecond = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        SpinWait.SpinUntil(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > millisecond);
        var second = TimeOrderedIds.NewId();

        Assert.True(second.CompareTo(first) > 0, $"{second} should sort after {first}");
    }
}
