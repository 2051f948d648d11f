namespace Amtsweg.Forms.Schema;

/// <summary>
/// A form schema that cannot be used: broken JSON, an unknown component type, a property of the wrong kind, an invalid
/// FEEL expression or pattern. The message is German and names the component, because designers read it.
/// </summary>
public sealed class FormSchemaException : Exception
{
    /// <summary>Creates the exception with a German message.</summary>
    public FormSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a German message and its cause.</summary>
    public FormSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The form-js <c>id</c> of the component the problem is in, or null (the whole form, or a component without id).</summary>
    public string? ComponentId { get; init; }

    /// <summary>Creates the exception without a message (for serializers).</summary>
    public FormSchemaException()
    {
    }
}
