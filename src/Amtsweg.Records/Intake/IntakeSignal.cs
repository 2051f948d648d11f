namespace Amtsweg.Records.Intake;

/// <summary>Wakes the intake processor when an item arrives, so it does not wait for the next poll.</summary>
public sealed class IntakeSignal
{
    private readonly SemaphoreSlim _arrived = new(0, 1);

    /// <summary>Something arrived.</summary>
    public void Notify()
    {
        try
        {
            _arrived.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up processes everything waiting.
        }
    }

    /// <summary>Waits until something arrives or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _arrived.WaitAsync(timeout, cancellationToken);
}
