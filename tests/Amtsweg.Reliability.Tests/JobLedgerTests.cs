using Amtsweg.Reliability.Tests.Support;

namespace Amtsweg.Reliability.Tests;

/// <summary>The crash tests' idempotency ledger finds what it must find (so that "no double execution" can fail).</summary>
public sealed class JobLedgerTests
{
    [Fact]
    public void DoubleExecutionsWithinLock_FindsSecondCall_WhenItStartedBeforeFirstLockExpired()
    {
        var ledger = new JobLedger();
        ledger.Record(new JobLedger.Execution("1", "i", "knoten0", LockDeadline: 10_000, StartedAt: 1_000));
        ledger.Record(new JobLedger.Execution("1", "i", "knoten1", LockDeadline: 19_000, StartedAt: 9_000));

        var found = Assert.Single(ledger.DoubleExecutionsWithinLock());

        Assert.Equal(("knoten0", "knoten1"), (found.First.Worker, found.Second.Worker));
        Assert.Equal(0, ledger.JobsRunAgainAfterLockExpiry());
    }

    [Fact]
    public void DoubleExecutionsWithinLock_IsEmpty_WhenJobRanAgainAfterItsLockExpired()
    {
        var ledger = new JobLedger();
        ledger.Record(new JobLedger.Execution("1", "i", "knoten0", LockDeadline: 10_000, StartedAt: 1_000));
        ledger.Record(new JobLedger.Execution("1", "i", "knoten1", LockDeadline: 21_000, StartedAt: 11_000));
        ledger.Record(new JobLedger.Execution("2", "j", "knoten1", LockDeadline: 21_000, StartedAt: 11_000));

        Assert.Empty(ledger.DoubleExecutionsWithinLock());
        Assert.Equal(1, ledger.JobsRunAgainAfterLockExpiry());
    }
}
