namespace Amtsweg.Engine.Tests.Support;

/// <summary>A service task handler made from a function, recording its calls.</summary>
public sealed class DelegateHandler(string jobType, Func<ServiceTaskContext, IReadOnlyDictionary<string, object?>> run) : IServiceTaskHandler
{
    public string JobType { get; } = jobType;

    public List<ServiceTaskContext> Calls { get; } = [];

    public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        Calls.Add(context);
        return Task.FromResult(run(context));
    }
}
