using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Amtsweg.Cli;

/// <summary>
/// <c>--help</c> entirely in German. System.CommandLine's German resources translate only some headings and none
/// of the fixed words below, so the default help is written to a buffer and those words are replaced.
/// </summary>
internal sealed class GermanHelpAction(HelpAction inner) : SynchronousCommandLineAction
{
    private static readonly (string English, string German)[] Words =
    [
        ("Description:", "Beschreibung:"),
        ("Usage:", "Aufruf:"),
        ("Nutzung:", "Aufruf:"),
        ("Arguments:", "Argumente:"),
        ("Options:", "Optionen:"),
        ("Commands:", "Befehle:"),
        ("[command]", "[Befehl]"),
        ("[options]", "[Optionen]"),
        ("[default: ", "[Standard: "),
        ("(REQUIRED)", "(Pflicht)"),
        ("Show help and usage information", "Zeigt diese Hilfe an."),
        ("Show version information", "Zeigt die Version an."),
    ];

    /// <summary>Replaces the help action of <paramref name="root"/> and names help and version in German.</summary>
    public static void Use(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new GermanHelpAction((HelpAction)help.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var buffer = new StringWriter();
        configuration.Output = buffer;
        try
        {
            inner.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(Words.Aggregate(buffer.ToString(), (text, word) => text.Replace(word.English, word.German, StringComparison.Ordinal)));
        return 0;
    }
}
