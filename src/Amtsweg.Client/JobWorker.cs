namespace Amtsweg.Client;

/// <summary>Thrown by a job handler to throw a BPMN error at the task (caught by an error boundary event).</summary>
public sealed class JobBpmnErrorException : Exception
{
    /// <summary>Creates the exception with the error code and a message.</summary>
    public JobBpmnErrorException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public JobBpmnErrorException()
        : this("ERROR", "BPMN error")
    {
    }

    /// <summary>Creates the exception.</summary>
    public JobBpmnErrorException(string message)
        : this("ERROR", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JobBpmnErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "ERROR";
    }

    /// <summary>The BPMN error code.</summary>
    public string ErrorCode { get; } = "ERROR";
}

/// <summary>How a <see cref="JobWorker"/> asks for jobs.</summary>
/// <param name="Name">The worker's name.</param>
/// <param name="Timeout">How long a job stays locked for it.</param>
/// <param name="MaxJobs">Jobs per activation.</param>
/// <param name="RequestTimeout">How long an activation waits for jobs (long polling).</param>
/// <param name="RetryBackOff">How long a failed job waits before it is offered again.</param>
/// <param name="OutageBackOff">How long <see cref="JobWorker.RunAsync"/> waits after the server could not be reached or failed (default one second).</param>
public sealed record JobWorkerOptions(
    string Name, TimeSpan Timeout, int MaxJobs = 10, TimeSpan? RequestTimeout = null, TimeSpan RetryBackOff = default, TimeSpan? OutageBackOff = null);

/// <summary>
/// Works the jobs of one type: activates (long polling), runs the handler per job and completes the job with the
/// handler's variables. A <see cref="JobBpmnErrorException"/> throws a BPMN error; any other exception fails the
/// job with one retry less (at 0 the server raises an incident). A job whose lock was lost in the meantime is skipped.
/// </summary>
public sealed class JobWorker(
    AmtswegClient client, string jobType, JobWorkerOptions options, Func<ActivatedJob, CancellationToken, Task<object?>> handler, TimeProvider? clock = null)
{
    /// <summary>
    /// Works jobs until cancelled. When the server cannot be reached, times out or answers with a server error (it
    /// restarts, or a node behind the load balancer died), the worker waits <see cref="JobWorkerOptions.OutageBackOff"/>
    /// and asks again: a worker host outlives its server. A job whose completion did not arrive is offered again after
    /// its lock expires. Other refusals (a revoked client, a missing scope) end the loop with their exception.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception outage) when (IsOutage(outage, cancellationToken))
            {
                try
                {
                    await Task.Delay(options.OutageBackOff ?? TimeSpan.FromSeconds(1), clock ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One activation and the handling of the jobs it brought; returns how many jobs were handled.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jobs = await client.ActivateJobsAsync(jobType, options.Name, options.Timeout, options.MaxJobs, null, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            await HandleAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return jobs.Count;
    }

    private static bool IsOutage(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or IOException
        || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        || error is AmtswegApiException { Status: >= System.Net.HttpStatusCode.InternalServerError };

    private async Task HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
    {
        try
        {
            object? variables;
            try
            {
                variables = await handler(job, cancellationToken).ConfigureAwait(false);
            }
            catch (JobBpmnErrorException error)
            {
                await client.ThrowJobErrorAsync(job.JobKey, error.ErrorCode, error.Message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await client.FailJobAsync(job.JobKey, Math.Max(0, job.Retries - 1), error.Message, options.RetryBackOff, cancellationToken).ConfigureAwait(false);
                return;
            }

            await client.CompleteJobAsync(job.JobKey, variables, cancellationToken).ConfigureAwait(false);
        }
        catch (AmtswegApiException lost) when (lost.Status is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            // The lock expired and another worker has the job, or it is gone: its result is not ours to give.
        }
    }
}
