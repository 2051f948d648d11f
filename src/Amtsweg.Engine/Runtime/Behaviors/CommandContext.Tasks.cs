using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of tasks: user, script and business rule tasks.</summary>
internal sealed partial class CommandContext
{
    private void CreateUserTask(InstanceRuntime runtime, ExecutionEntity execution, UserTask userTask)
    {
        var scope = Scope(runtime, execution);
        var id = userTask.Id!;
        var assignment = userTask.Zeebe.AssignmentDefinition;
        var schedule = userTask.Zeebe.TaskSchedule;
        var form = userTask.Zeebe.FormDefinition;

        // Camunda 8 resolves a linked form when the task is created and keeps it: a later version of the form changes
        // the tasks created after it, not the open ones. A form that cannot be found is an incident at the task.
        Guid? formDefinitionId = null;
        if (LinkedForms.LinkedId(form) is { } formId)
        {
            formDefinitionId = LinkedForms.Candidates(Db, runtime.Entity.TenantId, formId, form!, runtime.Definition).Select(f => (Guid?)f.Id).FirstOrDefault()
                ?? throw new IncidentException(IncidentTypes.FormNotFound, id, LinkedForms.NotFound(formId, form!));
        }

        var task = new UserTaskEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            ProcessInstanceId = runtime.Id,
            ProcessDefinitionId = runtime.Definition.Id,
            ExecutionId = execution.Id,
            ElementId = id,
            Name = userTask.Name,
            Assignee = assignment?.Assignee is { } assignee ? NullIfEmpty(Text(Expressions.Evaluate(assignee, scope, id))) : null,
            CandidateGroups = assignment?.CandidateGroups is { } groups ? JoinList(Expressions.Evaluate(groups, scope, id)) : null,
            CandidateUsers = assignment?.CandidateUsers is { } users ? JoinList(Expressions.Evaluate(users, scope, id)) : null,
            DueDate = schedule?.DueDate is { } due ? Date(Expressions.Evaluate(due, scope, id), id, "Das Fälligkeitsdatum") : null,
            FollowUpDate = schedule?.FollowUpDate is { } followUp ? Date(Expressions.Evaluate(followUp, scope, id), id, "Das Wiedervorlagedatum") : null,
            FormId = form?.FormId ?? form?.FormKey ?? form?.ExternalReference,
            FormDefinitionId = formDefinitionId,
            State = UserTaskState.Created,
            Revision = 1,
            CreatedAt = Now,
        };
        runtime.OpenTasks.Add(task);
        Db.UserTasks.Add(task);
        execution.IsWaiting = true;
        History(runtime, HistoryEventTypes.UserTaskCreated, execution, userTask, detail: task.Id.ToString());
    }

    private void ExecuteScript(InstanceRuntime runtime, ExecutionEntity execution, ScriptTask task, ZeebeScript script)
    {
        if (script.Expression is null)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, task.Id!, $"Die Skriptaufgabe '{task.Id}' hat keinen Ausdruck.");
        }

        var value = Expressions.Evaluate(script.Expression, Scope(runtime, execution), task.Id!);
        if (!string.IsNullOrEmpty(script.ResultVariable))
        {
            SetResultVariables(runtime, execution, task, [new(script.ResultVariable, value)]);
        }

        Leave(runtime, execution);
    }

    private void EvaluateDecision(InstanceRuntime runtime, ExecutionEntity execution, BusinessRuleTask task, ZeebeCalledDecision called)
    {
        var id = task.Id!;
        var decisionId = called.DecisionId is { } expression ? Text(Expressions.Evaluate(expression, Scope(runtime, execution), id)) : null;
        if (string.IsNullOrEmpty(decisionId))
        {
            throw new IncidentException(IncidentTypes.CalledElementNotFound, id, $"Die Geschäftsregelaufgabe '{id}' nennt keine Entscheidung.");
        }

        var tenant = runtime.Entity.TenantId;
        var candidates = Db.DecisionDefinitions.Where(d => d.TenantId == tenant && d.DecisionId == decisionId);
        candidates = called.BindingType switch
        {
            ZeebeBindingType.Latest => candidates,
            ZeebeBindingType.Deployment => candidates.Where(d => d.DeploymentId == runtime.Definition.DeploymentId),
            ZeebeBindingType.VersionTag => throw new IncidentException(IncidentTypes.UnsupportedElement, id, $"Die Geschäftsregelaufgabe '{id}' bindet ihre Entscheidung über ein Versions-Tag; das unterstützt die Prozess-Engine noch nicht (verwenden Sie 'latest' oder 'deployment')."),
        };
        var definition = candidates.OrderByDescending(d => d.Version).FirstOrDefault()
            ?? throw new IncidentException(IncidentTypes.CalledElementNotFound, id, $"Keine bereitgestellte Entscheidung '{decisionId}' passt zur Bindung '{called.BindingType}' von '{id}'.");
        var result = Configuration.GetDecisionModel(definition).Evaluate(decisionId, Visible(runtime, execution));
        if (result.HasErrors)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, id, $"Die Entscheidung '{decisionId}' ist fehlgeschlagen: {string.Join("; ", result.Messages.Where(m => m.Severity == Decisions.Evaluation.DmnMessageSeverity.Error).Select(m => m.TextGerman))}");
        }

        if (!string.IsNullOrEmpty(called.ResultVariable))
        {
            SetResultVariables(runtime, execution, task, [new(called.ResultVariable, result.Value)]);
        }

        Leave(runtime, execution);
    }
}
