using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>A <c>dataObject</c> in a scope.</summary>
public sealed class DataObject : FlowElement
{
    internal DataObject()
    {
    }

    /// <summary>The <c>isCollection</c> attribute.</summary>
    public bool IsCollection { get; internal set; }

    /// <summary>The <c>itemSubjectRef</c> attribute, or null.</summary>
    public string? ItemSubjectRef { get; internal set; }
}

/// <summary>A <c>dataObjectReference</c>: a use of a data object in the diagram.</summary>
public sealed class DataObjectReference : FlowElement
{
    internal DataObjectReference()
    {
    }

    /// <summary>The <c>dataObjectRef</c> attribute, or null.</summary>
    public string? DataObjectRef { get; internal set; }

    /// <summary>The resolved data object, or null.</summary>
    public DataObject? DataObject { get; internal set; }
}

/// <summary>A <c>dataStoreReference</c>: a use of a data store in a scope.</summary>
public sealed class DataStoreReference : FlowElement
{
    internal DataStoreReference()
    {
    }

    /// <summary>The <c>dataStoreRef</c> attribute, or null.</summary>
    public string? DataStoreRef { get; internal set; }

    /// <summary>The resolved data store, or null.</summary>
    public DataStore? DataStore { get; internal set; }
}

/// <summary>A <c>dataInputAssociation</c> or <c>dataOutputAssociation</c>.</summary>
public sealed class DataAssociation : BpmnElement
{
    internal DataAssociation()
    {
    }

    /// <summary>True for a <c>dataInputAssociation</c>, false for a <c>dataOutputAssociation</c>.</summary>
    public bool IsInput { get; internal set; }

    /// <summary>The <c>sourceRef</c> children as written.</summary>
    public ImmutableArray<string> SourceRefs { get; internal set; } = [];

    /// <summary>The <c>targetRef</c> child as written, or null.</summary>
    public string? TargetRef { get; internal set; }

    /// <summary>The resolved typed sources (data object and data store references); references to elements the model keeps verbatim stay unresolved.</summary>
    public ImmutableArray<BpmnElement> Sources { get; internal set; } = [];

    /// <summary>The resolved typed target, or null.</summary>
    public BpmnElement? Target { get; internal set; }

    /// <summary>The <c>transformation</c>, or null.</summary>
    public BpmnFormalExpression? Transformation { get; internal set; }
}
