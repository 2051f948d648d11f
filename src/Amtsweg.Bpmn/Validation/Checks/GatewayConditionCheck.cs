using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports diverging exclusive and inclusive gateways with an outgoing flow that has neither a condition nor is
/// the gateway's default flow: the engine could not decide whether to take it.
/// </summary>
internal sealed class GatewayConditionCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var gateway in context.ExecutableElements.OfType<Gateway>())
        {
            if (gateway is not (ExclusiveGateway or InclusiveGateway) || !gateway.IsDiverging)
            {
                continue;
            }

            var unconditioned = gateway.Outgoing
                .Where(f => string.IsNullOrWhiteSpace(f.ConditionExpression?.Text) && !ReferenceEquals(f, gateway.Default))
                .Select(f => f.Id ?? "?")
                .ToList();
            if (unconditioned.Count == 0)
            {
                continue;
            }

            var label = BpmnValidationContext.Label(gateway);
            var flows = string.Join(", ", unconditioned);
            context.Report(
                BpmnProblemCodes.GatewayFlowWithoutCondition,
                BpmnProblemSeverity.Error,
                gateway,
                $"Das verzweigende Gateway {label} hat ausgehende Flüsse ohne Bedingung, die nicht Standardfluss sind: {flows}.",
                $"The diverging gateway {label} has outgoing flows without a condition that are not its default flow: {flows}.");
        }
    }
}
