namespace Amtsweg.Server.Resources;

/// <summary>Marker for the UI texts in <c>Ui.resx</c> (German) and <c>Ui.en.resx</c> (English).</summary>
public sealed class Ui
{
    private Ui()
    {
    }
}
