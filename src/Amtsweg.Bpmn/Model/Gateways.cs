namespace Amtsweg.Bpmn.Model;

/// <summary>A gateway that splits or joins the flow.</summary>
public abstract class Gateway : FlowNode
{
    private protected Gateway()
    {
    }

    /// <summary>The <c>gatewayDirection</c> attribute (<c>Unspecified</c> by default).</summary>
    public string GatewayDirection { get; internal set; } = "Unspecified";

    /// <summary>The <c>default</c> attribute as written (exclusive, inclusive and complex gateways), or null.</summary>
    public string? DefaultRef { get; internal set; }

    /// <summary>The resolved default flow, or null.</summary>
    public SequenceFlow? Default { get; internal set; }

    /// <summary>True when the gateway has more than one outgoing flow.</summary>
    public bool IsDiverging => Outgoing.Length > 1;
}

/// <summary>An <c>exclusiveGateway</c> (XOR).</summary>
public sealed class ExclusiveGateway : Gateway
{
    internal ExclusiveGateway()
    {
    }
}

/// <summary>An <c>inclusiveGateway</c> (OR).</summary>
public sealed class InclusiveGateway : Gateway
{
    internal InclusiveGateway()
    {
    }
}

/// <summary>A <c>parallelGateway</c> (AND).</summary>
public sealed class ParallelGateway : Gateway
{
    internal ParallelGateway()
    {
    }
}

/// <summary>An <c>eventBasedGateway</c>.</summary>
public sealed class EventBasedGateway : Gateway
{
    internal EventBasedGateway()
    {
    }

    /// <summary>The <c>instantiate</c> attribute.</summary>
    public bool Instantiate { get; internal set; }

    /// <summary>The <c>eventGatewayType</c> attribute (<c>Exclusive</c> by default, or <c>Parallel</c>).</summary>
    public string EventGatewayType { get; internal set; } = "Exclusive";
}

/// <summary>A <c>complexGateway</c>.</summary>
public sealed class ComplexGateway : Gateway
{
    internal ComplexGateway()
    {
    }

    /// <summary>The <c>activationCondition</c>, or null.</summary>
    public BpmnFormalExpression? ActivationCondition { get; internal set; }
}
