namespace Amtsweg.Bpmn.Model;

/// <summary>An artifact: text annotation, association or group. Artifacts do not take part in execution.</summary>
public abstract class Artifact : BpmnElement
{
    private protected Artifact()
    {
    }
}

/// <summary>A <c>textAnnotation</c>.</summary>
public sealed class TextAnnotation : Artifact
{
    internal TextAnnotation()
    {
    }

    /// <summary>The <c>text</c> child, or null.</summary>
    public string? Text { get; internal set; }

    /// <summary>The <c>textFormat</c> attribute (<c>text/plain</c> by default).</summary>
    public string TextFormat { get; internal set; } = "text/plain";
}

/// <summary>An <c>association</c> (for example from an annotation to a task).</summary>
public sealed class Association : Artifact
{
    internal Association()
    {
    }

    /// <summary>The <c>sourceRef</c> attribute as written.</summary>
    public string SourceRef { get; internal set; } = string.Empty;

    /// <summary>The <c>targetRef</c> attribute as written.</summary>
    public string TargetRef { get; internal set; } = string.Empty;

    /// <summary>The resolved source, or null.</summary>
    public BpmnElement? Source { get; internal set; }

    /// <summary>The resolved target, or null.</summary>
    public BpmnElement? Target { get; internal set; }

    /// <summary>The <c>associationDirection</c> attribute (<c>None</c> by default, <c>One</c>, <c>Both</c>).</summary>
    public string AssociationDirection { get; internal set; } = "None";
}

/// <summary>A <c>group</c>.</summary>
public sealed class Group : Artifact
{
    internal Group()
    {
    }

    /// <summary>The <c>categoryValueRef</c> attribute, or null.</summary>
    public string? CategoryValueRef { get; internal set; }
}
