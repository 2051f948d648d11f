using System.Collections.Concurrent;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Decisions;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// What all commands of an engine share (one per application): options, clock, the cache of parsed definitions
/// and parsed FEEL expressions, and the command interceptors.
/// </summary>
public sealed class ProcessEngineConfiguration
{
    private readonly ConcurrentDictionary<Guid, ProcessDefinitionEntity> _definitions = new();
    private readonly ConcurrentDictionary<Guid, BpmnDefinitions> _models = new();
    private readonly ConcurrentDictionary<Guid, DmnModel> _decisions = new();

    /// <summary>Creates the configuration.</summary>
    public ProcessEngineConfiguration(ProcessEngineOptions options, TimeProvider clock, IEnumerable<ICommandInterceptor>? interceptors = null, IUserTaskFormCheck? formCheck = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Interceptors = [.. interceptors ?? []];
        FormCheck = formCheck;
        Expressions = new Expressions(clock);
    }

    /// <summary>The options.</summary>
    public ProcessEngineOptions Options { get; }

    /// <summary>The clock every command reads time from.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Interceptors around every command, outermost first.</summary>
    public IReadOnlyList<ICommandInterceptor> Interceptors { get; }

    /// <summary>Checks task forms at deployment and completion, or null (then completions are stored as sent).</summary>
    public IUserTaskFormCheck? FormCheck { get; }

    /// <summary>The host's variables for every new instance (a package's <c>parameter</c>), or null.</summary>
    public IProcessStartVariables? StartVariables { get; init; }

    /// <summary>Wakes the job executor and waiting workers of this process when a commit makes a job due.</summary>
    public JobWakeUp WakeUp { get; } = new();

    internal Expressions Expressions { get; }

    /// <summary>
    /// Lets one engine write transaction at a time run on SQLite (see <see cref="CommandContext.FlushAsync"/>). SQLite
    /// serializes writers anyway; without the gate, parallel job lanes meet in SQLite's busy handler, which sleeps
    /// (1 ms, 2 ms, 5 ms … 100 ms) instead of handing over when the other writer commits.
    /// </summary>
    internal SemaphoreSlim SqliteWriteGate { get; } = new(1, 1);

    /// <summary>A definition read before (any tenant: callers check the tenant), or null.</summary>
    internal ProcessDefinitionEntity? FindDefinition(Guid id) => _definitions.GetValueOrDefault(id);

    /// <summary>Keeps a definition read from the database (untracked; definitions never change after deployment).</summary>
    internal ProcessDefinitionEntity CacheDefinition(ProcessDefinitionEntity definition) => _definitions.GetOrAdd(definition.Id, definition);

    /// <summary>The parsed model of a definition; definitions never change, so the parse is cached by id.</summary>
    internal BpmnDefinitions GetModel(ProcessDefinitionEntity definition) =>
        _models.GetOrAdd(definition.Id, static (_, xml) => BpmnReader.Parse(xml), definition.BpmnXml);

    /// <summary>The compiled DMN model of a decision definition, cached by id like process models.</summary>
    internal DmnModel GetDecisionModel(DecisionDefinitionEntity definition) =>
        _decisions.GetOrAdd(definition.Id, static (_, xml) => DmnEngine.Compile(DmnParser.ParseText(xml)), definition.DmnXml);
}

/// <summary>
/// Wraps the execution of every command (logging, metrics, tests that provoke a conflict). It runs after the command's
/// work is done in memory and before it is flushed to the database in one transaction.
/// </summary>
public interface ICommandInterceptor
{
    /// <summary>Runs the command by calling <paramref name="next"/>.</summary>
    Task<object?> InterceptAsync(string commandName, Func<Task<object?>> next, CancellationToken cancellationToken);
}
