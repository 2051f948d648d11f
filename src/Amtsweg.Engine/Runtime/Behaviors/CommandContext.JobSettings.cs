using System.Globalization;
using System.Xml;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Per-element job settings: the priority (<c>camunda:jobPriority</c> on the element or its process, an integer;
/// higher runs first) and the back-off after a failed attempt (task header <c>retryBackoff</c>, an ISO 8601 duration;
/// default <see cref="ProcessEngineOptions.JobRetryDelay"/>). Both are checked at deployment (<see cref="RuntimeSupport"/>).
/// </summary>
internal sealed partial class CommandContext
{
    public const string RetryBackoffHeader = "retryBackoff";

    /// <summary>Gives every job this command adds the priority of its element; called before the flush.</summary>
    private void AssignJobPriorities()
    {
        foreach (var entry in Db.ChangeTracker.Entries<JobEntity>().Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added))
        {
            var job = entry.Entity;
            if (job.ProcessDefinitionId != Guid.Empty && job.ElementId.Length > 0)
            {
                // A timer start job is added together with its definition at deployment, before the definition is saved.
                var definition = Db.ProcessDefinitions.Local.FirstOrDefault(d => d.Id == job.ProcessDefinitionId) ?? LoadDefinition(job.ProcessDefinitionId);
                var model = Configuration.GetModel(definition);
                job.Priority = JobPriority(model.FindElement<FlowNode>(job.ElementId)) ?? JobPriority(model.FindProcess(definition.ProcessId)) ?? 0;
            }
        }
    }

    /// <summary>The back-off of a failed job: its element's <c>retryBackoff</c> header, else the engine's default.</summary>
    public TimeSpan RetryBackoff(JobEntity job)
    {
        if (job.ProcessDefinitionId != Guid.Empty
            && Configuration.GetModel(LoadDefinition(job.ProcessDefinitionId)).FindElement<FlowNode>(job.ElementId) is { } node
            && TaskHeaders.Of(node).TryGetValue(RetryBackoffHeader, out var text)
            && ParseBackoff(text) is { } backoff)
        {
            return backoff;
        }

        return Configuration.Options.JobRetryDelay;
    }

    public static int? JobPriority(BpmnElement? element) =>
        element?.GetAttribute(BpmnNamespaces.Camunda7 + "jobPriority") is { } text && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority)
            ? priority
            : null;

    public static TimeSpan? ParseBackoff(string text)
    {
        try
        {
            var value = XmlConvert.ToTimeSpan(text.Trim());
            return value >= TimeSpan.Zero ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
