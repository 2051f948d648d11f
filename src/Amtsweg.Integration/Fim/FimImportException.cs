namespace Amtsweg.Integration.Fim;

/// <summary>
/// An XDatenfelder message that cannot be imported: not XML, a DTD, an unknown namespace or message, a missing or
/// duplicate id, an invalid status. The message is German and names the element, because designers read it.
/// </summary>
public sealed class FimImportException : Exception
{
    /// <summary>Creates the exception with a German message.</summary>
    public FimImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a German message and its cause.</summary>
    public FimImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (for serializers).</summary>
    public FimImportException()
    {
    }
}
