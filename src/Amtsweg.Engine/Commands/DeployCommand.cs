using System.Security.Cryptography;
using System.Text;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Decisions;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Deploys BPMN, DMN and form files as a whole: every file must parse and validate, otherwise nothing is deployed. Each
/// executable process gets the next version of its process id; start events of the new version replace those of the old
/// one. Forms (<c>.form</c>) get the next version of their form id, unless the deployment brings nothing new (see
/// <see cref="AddForms"/>).
/// </summary>
internal sealed class DeployCommand(DeploymentRequest request) : EngineCommand<DeploymentInfo>
{
    public override string Name => "DeployCommand";

    public override Task<DeploymentInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (decisions, forms, processes, timesToLive, problems) = Check(context, request, withWarnings: false);
        if (problems.Count > 0)
        {
            throw new DeploymentFailedException(
                "The deployment was refused: " + string.Join("; ", problems.Select(p => $"{p.Resource}: {p.Problem}")),
                problems);
        }

        var deployment = new DeploymentEntity
        {
            Id = CommandContext.NewId(),
            Name = request.Name,
            DeployedAt = context.Now,
            DeployedBy = request.UserId,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
        };
        context.Db.Deployments.Add(deployment);

        var infos = new List<ProcessDefinitionInfo>();
        foreach (var (resource, model, process) in processes)
        {
            var processId = process.Id!;
            var previous = context.Db.ProcessDefinitions.Where(d => d.ProcessId == processId).Select(d => d.Id).ToList();
            var version = previous.Count == 0 ? 1 : context.Db.ProcessDefinitions.Where(d => d.ProcessId == processId).Max(d => d.Version) + 1;
            var definition = new ProcessDefinitionEntity
            {
                Id = CommandContext.NewId(),
                DeploymentId = deployment.Id,
                ProcessId = processId,
                Version = version,
                VersionTag = process.Zeebe.VersionTag,
                Name = process.Name,
                BpmnXml = resource.Content,
                Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource.Content))),
                DeployedAt = context.Now,
                HistoryTimeToLiveDays = timesToLive[process],
            };
            context.Db.ProcessDefinitions.Add(definition);
            ReplaceStartEvents(context, previous, definition, process, resource.Name);
            infos.Add(new ProcessDefinitionInfo(definition.Id, processId, version, definition.VersionTag, definition.Name, deployment.Id));
        }

        foreach (var (resource, decision) in decisions)
        {
            var previous = context.Db.DecisionDefinitions.Where(d => d.DecisionId == decision.Id).Select(d => (int?)d.Version).Max() ?? 0;
            context.Db.DecisionDefinitions.Add(new DecisionDefinitionEntity
            {
                Id = CommandContext.NewId(),
                DeploymentId = deployment.Id,
                DecisionId = decision.Id,
                Version = previous + 1,
                Name = decision.Name,
                DmnXml = resource.Content,
                DeployedAt = context.Now,
            });
        }

        var formInfos = AddForms(context, deployment, forms, newVersionsElsewhere: processes.Count > 0 || decisions.Count > 0);
        return Task.FromResult(new DeploymentInfo(deployment.Id, deployment.Name, deployment.DeployedAt, infos) { Forms = formInfos, Comment = deployment.Comment });
    }

    /// <summary>
    /// Reads and checks every file of <paramref name="request"/> as a deployment would, without writing anything: the
    /// deployment's errors, and with <paramref name="withWarnings"/> the validator's warnings too (for a designer
    /// while editing, <see cref="ValidateDeploymentCommand"/>).
    /// </summary>
    internal static CheckedDeployment Check(CommandContext context, DeploymentRequest request, bool withWarnings)
    {
        if (request.Resources.Count == 0)
        {
            throw new DeploymentFailedException("A deployment needs at least one BPMN file.");
        }

        var problems = new List<DeploymentProblem>();
        if (request.Comment is { Length: > DeploymentRequest.CommentMaxLength })
        {
            problems.Add(new DeploymentProblem(request.Resources[0].Name, new BpmnProblem(
                "ENGINE-COMMENT-TOO-LONG", BpmnProblemSeverity.Error, null, 0, 0,
                $"Der Kommentar zur Bereitstellung darf höchstens {DeploymentRequest.CommentMaxLength} Zeichen lang sein.",
                $"The deployment comment must not be longer than {DeploymentRequest.CommentMaxLength} characters.")));
        }

        var parsed = new List<(DeploymentResource Resource, BpmnDefinitions Model)>();
        var decisions = new List<(DeploymentResource Resource, Decisions.Model.Decision Decision)>();
        foreach (var resource in request.Resources.Where(IsDmn))
        {
            Decisions.Model.DmnDefinitions definitions;
            try
            {
                definitions = DmnParser.ParseText(resource.Content);
            }
            catch (DmnModelException e)
            {
                problems.Add(new DeploymentProblem(resource.Name, new BpmnProblem("DMN-READ", BpmnProblemSeverity.Error, e.ElementId, e.Location.Line, e.Location.Column, e.ReasonGerman, e.Reason)));
                continue;
            }

            // DmnCheck refuses what evaluation would only turn into null at run time: a FEEL text that does not parse.
            foreach (var problem in DmnCheck.Check(definitions))
            {
                var severity = problem.Severity switch
                {
                    Decisions.Evaluation.DmnMessageSeverity.Error => BpmnProblemSeverity.Error,
                    Decisions.Evaluation.DmnMessageSeverity.Warning when withWarnings => BpmnProblemSeverity.Warning,
                    _ => (BpmnProblemSeverity?)null,
                };
                if (severity is { } known)
                {
                    var code = DmnCheck.FeelSyntaxCodes.Contains(problem.Code) ? "DMN-FEEL" : "DMN-COMPILE";
                    problems.Add(new DeploymentProblem(resource.Name, new BpmnProblem(code, known, problem.ElementId, problem.Location.Line, problem.Location.Column, problem.TextGerman, problem.Text)));
                }
            }

            decisions.AddRange(definitions.Decisions.Select(d => (resource, d)));
        }

        var forms = ReadForms(context, request.Resources.Where(LinkedForms.IsForm), problems);
        foreach (var resource in request.Resources.Where(r => !IsDmn(r) && !LinkedForms.IsForm(r)))
        {
            try
            {
                parsed.Add((resource, BpmnReader.Parse(resource.Content)));
            }
            catch (BpmnModelException e)
            {
                problems.Add(new DeploymentProblem(resource.Name, new BpmnProblem(e.Code, BpmnProblemSeverity.Error, null, e.Line, e.Column, e.MessageGerman, e.Message)));
            }
        }

        var deployed = context.Db.ProcessDefinitions.Select(d => d.ProcessId).Distinct().ToHashSet(StringComparer.Ordinal);
        var inDeployment = parsed.SelectMany(p => p.Model.Processes).Where(p => p.Id is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
        var options = BpmnValidationOptions.Default with { IsKnownProcess = id => deployed.Contains(id) || inDeployment.Contains(id) };
        foreach (var (resource, model) in parsed)
        {
            var validation = BpmnValidator.Validate(model, options);
            problems.AddRange((withWarnings ? validation.Problems : validation.Errors).Select(p => new DeploymentProblem(resource.Name, p)));
            problems.AddRange(HandlerProblems(context, model).Select(p => new DeploymentProblem(resource.Name, p)));
            problems.AddRange(RuntimeSupport.Problems(model).Select(p => new DeploymentProblem(resource.Name, p)));
            problems.AddRange(EmbeddedFormProblems(context, model).Select(p => new DeploymentProblem(resource.Name, p)));
            problems.AddRange(FormLinkProblems(model, forms).Select(p => new DeploymentProblem(resource.Name, p)));
        }

        var processes = parsed
            .SelectMany(p => p.Model.Processes.Where(process => process.IsExecutable != false).Select(process => (p.Resource, p.Model, Process: process)))
            .ToList();
        foreach (var duplicate in processes.GroupBy(p => p.Process.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new DeploymentProblem(duplicate.First().Resource.Name, new BpmnProblem(
                "ENGINE-DUPLICATE-PROCESS", BpmnProblemSeverity.Error, duplicate.Key, 0, 0,
                $"Der Prozess '{duplicate.Key}' kommt in der Bereitstellung mehrfach vor.",
                $"The process '{duplicate.Key}' occurs more than once in the deployment.")));
        }

        var timesToLive = new Dictionary<BpmnProcess, int?>(ReferenceEqualityComparer.Instance);
        foreach (var (resource, _, process) in processes)
        {
            timesToLive[process] = HistoryTimeToLive.Read(process, out var problem);
            if (problem is not null)
            {
                problems.Add(new DeploymentProblem(resource.Name, problem));
            }
        }

        if (processes.Count == 0 && decisions.Count == 0 && forms.Count == 0 && problems.All(p => p.Problem.Severity != BpmnProblemSeverity.Error))
        {
            problems.Add(new DeploymentProblem(request.Resources[0].Name, new BpmnProblem(
                "ENGINE-NO-PROCESS", BpmnProblemSeverity.Error, null, 0, 0,
                "Die Bereitstellung enthält keinen ausführbaren Prozess.",
                "The deployment contains no executable process.")));
        }

        return new CheckedDeployment(decisions, forms, processes, timesToLive, problems);
    }

    private static List<(DeploymentResource Resource, ParsedForm Form)> ReadForms(CommandContext context, IEnumerable<DeploymentResource> resources, List<DeploymentProblem> problems)
    {
        var forms = new List<(DeploymentResource Resource, ParsedForm Form)>();
        foreach (var resource in resources)
        {
            var form = LinkedForms.Parse(resource.Content, out var problem);
            problem ??= context.Configuration.FormCheck?.ProblemWithSchema(resource.Content);
            if (problem is not null)
            {
                problems.Add(new DeploymentProblem(resource.Name, new BpmnProblem(
                    "ENGINE-FORM-INVALID", BpmnProblemSeverity.Error, form?.FormId, 0, 0,
                    $"Das Formular in '{resource.Name}' kann nicht bereitgestellt werden: {problem}",
                    $"The form in '{resource.Name}' cannot be deployed.")));
                continue;
            }

            forms.Add((resource, form!));
        }

        foreach (var duplicate in forms.GroupBy(f => f.Form.FormId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new DeploymentProblem(duplicate.Skip(1).First().Resource.Name, new BpmnProblem(
                "ENGINE-DUPLICATE-FORM", BpmnProblemSeverity.Error, duplicate.Key, 0, 0,
                $"Das Formular '{duplicate.Key}' kommt in der Bereitstellung mehrfach vor ({string.Join(", ", duplicate.Select(f => f.Resource.Name))}).",
                $"The form '{duplicate.Key}' occurs more than once in the deployment.")));
        }

        return forms;
    }

    // Embedded forms (zeebe:userTaskForm) are checked like deployed ones, so that a form that cannot be shown is refused
    // here rather than discovered by the clerk who opens the task.
    private static IEnumerable<BpmnProblem> EmbeddedFormProblems(CommandContext context, BpmnDefinitions model)
    {
        if (context.Configuration.FormCheck is not { } check)
        {
            yield break;
        }

        foreach (var process in model.Processes.Where(p => p.IsExecutable != false))
        {
            foreach (var form in process.Zeebe.UserTaskForms)
            {
                if (check.ProblemWithSchema(form.Body) is { } problem)
                {
                    yield return new BpmnProblem(
                        "ENGINE-FORM-INVALID", BpmnProblemSeverity.Error, form.Id ?? process.Id, process.Line, process.Column,
                        $"Das eingebettete Formular '{form.Id}' des Prozesses '{process.Id}' kann nicht verwendet werden: {problem}",
                        $"The embedded form '{form.Id}' of process '{process.Id}' cannot be used.");
                }
            }
        }
    }

    // Camunda 8 refuses a deployment whose element binds a form to the deployment when that deployment has no such form,
    // and a versionTag binding without a tag; the other bindings are resolved when the element is reached.
    private static IEnumerable<BpmnProblem> FormLinkProblems(BpmnDefinitions model, List<(DeploymentResource Resource, ParsedForm Form)> forms) =>
        from process in model.Processes.Where(p => p.IsExecutable != false)
        from node in process.AllFlowNodes
        let link = node.Zeebe.FormDefinition
        let formId = LinkedForms.LinkedId(link)
        where formId is not null
            && ((link.BindingType == ZeebeBindingType.Deployment && !forms.Any(f => f.Form.FormId == formId))
                || (link.BindingType == ZeebeBindingType.VersionTag && string.IsNullOrWhiteSpace(link.VersionTag)))
        select link.BindingType == ZeebeBindingType.Deployment
            ? new BpmnProblem(
                "ENGINE-FORM-NOT-IN-DEPLOYMENT", BpmnProblemSeverity.Error, node.Id, node.Line, node.Column,
                $"'{node.Name ?? node.Id}' bindet das Formular '{formId}' an die Bereitstellung (bindingType \"deployment\"), aber die Bereitstellung enthält keine Formulardatei mit dieser ID.",
                $"'{node.Id}' binds form '{formId}' to the deployment, but the deployment contains no form with that id.")
            : new BpmnProblem(
                "ENGINE-FORM-VERSION-TAG", BpmnProblemSeverity.Error, node.Id, node.Line, node.Column,
                $"'{node.Name ?? node.Id}' bindet das Formular '{formId}' über ein Versions-Tag, nennt aber keines (Attribut versionTag).",
                $"'{node.Id}' binds form '{formId}' by version tag but names none.");

    /// <summary>
    /// Stores the forms of a deployment. A redeployment that brings nothing new (only forms, each equal to the newest
    /// version of its id) keeps their versions, as Camunda treats duplicates; otherwise every form of the deployment gets
    /// a new version, changed or not, so that a process deployed with it finds it in its own deployment (binding
    /// <c>deployment</c>), as Camunda 8 versions all resources of a deployment in which one changed.
    /// </summary>
    private static List<FormDefinitionInfo> AddForms(CommandContext context, DeploymentEntity deployment, List<(DeploymentResource Resource, ParsedForm Form)> forms, bool newVersionsElsewhere)
    {
        var ids = forms.Select(f => f.Form.FormId).ToList();
        var newest = context.Db.FormDefinitions.AsNoTracking().Where(f => ids.Contains(f.FormId)).ToList()
            .GroupBy(f => f.FormId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Version)!, StringComparer.Ordinal);
        var checksums = forms.ToDictionary(f => f.Form.FormId, f => Checksum(f.Resource.Content), StringComparer.Ordinal);
        var duplicate = !newVersionsElsewhere && forms.All(f => newest.TryGetValue(f.Form.FormId, out var last) && last.Checksum == checksums[f.Form.FormId]);

        var infos = new List<FormDefinitionInfo>();
        foreach (var (resource, form) in forms)
        {
            if (duplicate)
            {
                var last = newest[form.FormId];
                infos.Add(new FormDefinitionInfo(last.Id, last.FormId, last.Version, last.VersionTag, resource.Name, last.DeploymentId));
                continue;
            }

            var entity = new FormDefinitionEntity
            {
                Id = CommandContext.NewId(),
                DeploymentId = deployment.Id,
                FormId = form.FormId,
                Version = newest.TryGetValue(form.FormId, out var previous) ? previous.Version + 1 : 1,
                VersionTag = form.VersionTag,
                ResourceName = resource.Name,
                Schema = resource.Content,
                Checksum = checksums[form.FormId],
                DeployedAt = context.Now,
            };
            context.Db.FormDefinitions.Add(entity);
            infos.Add(new FormDefinitionInfo(entity.Id, entity.FormId, entity.Version, entity.VersionTag, entity.ResourceName, deployment.Id));
        }

        return infos;
    }

    private static string Checksum(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    // What the in-process handler of a task's job type needs of the task (its headers); job types given as FEEL are known only at run time.
    private static IEnumerable<BpmnProblem> HandlerProblems(CommandContext context, BpmnDefinitions model) =>
        from process in model.Processes.Where(p => p.IsExecutable != false)
        from node in process.AllFlowNodes
        let type = node.Zeebe.TaskDefinition?.Type
        where type is { IsFeel: false } && context.Handlers.ContainsKey(type.Text.Trim())
        from problem in context.Handlers[type.Text.Trim()].Validate(TaskHeaders.Of(node))
        select new BpmnProblem(BpmnProblemCodes.InvalidTaskHeaders, BpmnProblemSeverity.Error, node.Id, node.Line, node.Column, problem.MessageGerman, problem.MessageEnglish);

    private static bool IsDmn(DeploymentResource resource) => resource.Name.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase);

    private static void ReplaceStartEvents(CommandContext context, List<Guid> previous, ProcessDefinitionEntity definition, BpmnProcess process, string resourceName)
    {
        context.Db.EventSubscriptions.RemoveRange(context.Db.EventSubscriptions.Where(s => s.ProcessInstanceId == null && previous.Contains(s.ProcessDefinitionId)));
        context.Db.Jobs.RemoveRange(context.Db.Jobs.Where(j => j.Kind == JobKind.TimerStart && previous.Contains(j.ProcessDefinitionId)));

        foreach (var start in process.FlowNodes.OfType<StartEvent>())
        {
            switch (start.AllEventDefinitions.FirstOrDefault())
            {
                case MessageEventDefinition { Message.Name: { } messageName }:
                    AddStartSubscription(context, definition, start, EventSubscriptionKind.Message, messageName);
                    break;
                case SignalEventDefinition { Signal: var signal, SignalRef: var signalRef }:
                    AddStartSubscription(context, definition, start, EventSubscriptionKind.Signal, signal?.Name ?? signal?.Id ?? signalRef ?? start.Id!);
                    break;
                case TimerEventDefinition timer:
                    ScheduleTimerStart(context, definition, start, timer, resourceName);
                    break;
                case ConditionalEventDefinition:
                    AddStartSubscription(context, definition, start, EventSubscriptionKind.Conditional, start.Id!);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AddStartSubscription(CommandContext context, ProcessDefinitionEntity definition, StartEvent start, EventSubscriptionKind kind, string name) =>
        context.Db.EventSubscriptions.Add(new EventSubscriptionEntity
        {
            Id = CommandContext.NewId(),
            Kind = kind,
            EventName = name,
            ProcessDefinitionId = definition.Id,
            ElementId = start.Id!,
            CreatedAt = context.Now,
        });

    private static void ScheduleTimerStart(CommandContext context, ProcessDefinitionEntity definition, StartEvent start, TimerEventDefinition timer, string resourceName)
    {
        TimerSchedule schedule;
        try
        {
            schedule = Timers.Schedule(timer, context.Now, context.Expressions, new FeelScope(), start.Id!);
        }
        catch (IncidentException e)
        {
            // A FEEL timer of a start event is evaluated here, without variables: its failure is a deployment problem
            // with the element named, like any other refusal, not an incident of an instance that does not exist.
            var problem = new BpmnProblem(
                BpmnProblemCodes.InvalidTimerExpression,
                BpmnProblemSeverity.Error,
                start.Id,
                start.Line,
                start.Column,
                $"Das Zeitereignis des Startereignisses '{start.Id}' lässt sich nicht planen: {e.Message}",
                $"The timer of start event '{start.Id}' cannot be scheduled.");
            throw new DeploymentFailedException($"The deployment was refused: {problem}", [new DeploymentProblem(resourceName, problem)]);
        }

        context.Db.Jobs.Add(new JobEntity
        {
            Id = CommandContext.NewId(),
            Kind = JobKind.TimerStart,
            ProcessDefinitionId = definition.Id,
            ElementId = start.Id!,
            DueAt = schedule.DueAt,
            Retries = context.Configuration.Options.DefaultJobRetries,
            RepeatCount = schedule.RepeatCount,
            RepeatInterval = schedule.RepeatInterval,
            CreatedAt = context.Now,
        });
    }
}

/// <summary>The files of a deployment, read and checked (<see cref="DeployCommand.Check"/>), and what is wrong with them.</summary>
internal sealed record CheckedDeployment(
    List<(DeploymentResource Resource, Decisions.Model.Decision Decision)> Decisions,
    List<(DeploymentResource Resource, ParsedForm Form)> Forms,
    List<(DeploymentResource Resource, BpmnDefinitions Model, BpmnProcess Process)> Processes,
    Dictionary<BpmnProcess, int?> TimesToLive,
    List<DeploymentProblem> Problems);

/// <summary>
/// Checks a deployment without deploying it (<see cref="IProcessEngine.ValidateDeploymentAsync"/>): every problem the
/// deployment would be refused for, and the validator's warnings, for the modeler to show while a designer edits.
/// </summary>
internal sealed class ValidateDeploymentCommand(DeploymentRequest request) : EngineCommand<IReadOnlyList<DeploymentProblem>>
{
    public override string Name => "ValidateDeploymentCommand";

    public override Task<IReadOnlyList<DeploymentProblem>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult<IReadOnlyList<DeploymentProblem>>(DeployCommand.Check(context, request, withWarnings: true).Problems);
    }
}
