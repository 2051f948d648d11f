namespace Amtsweg.Bpmn.Model;

/// <summary>How an activity repeats: a standard loop or multiple instances.</summary>
public abstract class LoopCharacteristics : BpmnElement
{
    private protected LoopCharacteristics()
    {
    }
}

/// <summary>A <c>standardLoopCharacteristics</c> (while/do-while loop).</summary>
public sealed class StandardLoopCharacteristics : LoopCharacteristics
{
    internal StandardLoopCharacteristics()
    {
    }

    /// <summary>The <c>testBefore</c> attribute.</summary>
    public bool TestBefore { get; internal set; }

    /// <summary>The <c>loopMaximum</c> attribute, or null.</summary>
    public int? LoopMaximum { get; internal set; }

    /// <summary>The <c>loopCondition</c>, or null.</summary>
    public BpmnFormalExpression? LoopCondition { get; internal set; }
}

/// <summary>A <c>multiInstanceLoopCharacteristics</c>. Zeebe's input/output collection is in <see cref="BpmnElement.Zeebe"/>.</summary>
public sealed class MultiInstanceLoopCharacteristics : LoopCharacteristics
{
    internal MultiInstanceLoopCharacteristics()
    {
    }

    /// <summary>The <c>isSequential</c> attribute.</summary>
    public bool IsSequential { get; internal set; }

    /// <summary>The <c>behavior</c> attribute (<c>All</c> by default).</summary>
    public string Behavior { get; internal set; } = "All";

    /// <summary>The <c>loopCardinality</c>, or null.</summary>
    public BpmnFormalExpression? LoopCardinality { get; internal set; }

    /// <summary>The <c>completionCondition</c>, or null.</summary>
    public BpmnFormalExpression? CompletionCondition { get; internal set; }

    /// <summary>The <c>loopDataInputRef</c> child, or null.</summary>
    public string? LoopDataInputRef { get; internal set; }

    /// <summary>The <c>loopDataOutputRef</c> child, or null.</summary>
    public string? LoopDataOutputRef { get; internal set; }
}
