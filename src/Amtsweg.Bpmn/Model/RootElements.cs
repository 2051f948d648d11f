namespace Amtsweg.Bpmn.Model;

/// <summary>An element directly below <c>definitions</c> that others reference by id.</summary>
public abstract class BpmnRootElement : BpmnElement
{
    private protected BpmnRootElement()
    {
    }
}

/// <summary>A <c>message</c>. Zeebe's correlation key is in <see cref="BpmnElement.Zeebe"/> (<c>Subscription</c>).</summary>
public sealed class Message : BpmnRootElement
{
    internal Message()
    {
    }

    /// <summary>The <c>itemRef</c> attribute.</summary>
    public string? ItemRef { get; internal set; }
}

/// <summary>An <c>error</c> with its code.</summary>
public sealed class Error : BpmnRootElement
{
    internal Error()
    {
    }

    /// <summary>The <c>errorCode</c> attribute.</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>The <c>structureRef</c> attribute.</summary>
    public string? StructureRef { get; internal set; }
}

/// <summary>An <c>escalation</c> with its code.</summary>
public sealed class Escalation : BpmnRootElement
{
    internal Escalation()
    {
    }

    /// <summary>The <c>escalationCode</c> attribute.</summary>
    public string? EscalationCode { get; internal set; }

    /// <summary>The <c>structureRef</c> attribute.</summary>
    public string? StructureRef { get; internal set; }
}

/// <summary>A <c>signal</c>.</summary>
public sealed class Signal : BpmnRootElement
{
    internal Signal()
    {
    }

    /// <summary>The <c>structureRef</c> attribute.</summary>
    public string? StructureRef { get; internal set; }
}

/// <summary>An <c>itemDefinition</c>.</summary>
public sealed class ItemDefinition : BpmnRootElement
{
    internal ItemDefinition()
    {
    }

    /// <summary>The <c>itemKind</c> attribute (<c>Information</c> by default, or <c>Physical</c>).</summary>
    public string ItemKind { get; internal set; } = "Information";

    /// <summary>The <c>structureRef</c> attribute.</summary>
    public string? StructureRef { get; internal set; }

    /// <summary>The <c>isCollection</c> attribute.</summary>
    public bool IsCollection { get; internal set; }
}

/// <summary>A <c>dataStore</c>.</summary>
public sealed class DataStore : BpmnRootElement
{
    internal DataStore()
    {
    }

    /// <summary>The <c>capacity</c> attribute, or null.</summary>
    public int? Capacity { get; internal set; }

    /// <summary>The <c>isUnlimited</c> attribute (true by default).</summary>
    public bool IsUnlimited { get; internal set; } = true;

    /// <summary>The <c>itemSubjectRef</c> attribute.</summary>
    public string? ItemSubjectRef { get; internal set; }
}
