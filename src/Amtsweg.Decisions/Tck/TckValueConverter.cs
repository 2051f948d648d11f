using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tck;

/// <summary>Turns TCK values into FEEL values, following the <c>xsi:type</c> of each simple value.</summary>
public static class TckValueConverter
{
    /// <summary>Converts a TCK value to a FEEL value.</summary>
    /// <exception cref="FormatException">A simple value does not match its <c>xsi:type</c>.</exception>
    public static FeelValue ToFeel(TckValue value) => value switch
    {
        TckNilValue => FeelValue.Null,
        TckListValue list => FeelList.Create(list.Items.Select(ToFeel)),
        TckContextValue context => FeelContext.Create(context.Components.Select(c => new KeyValuePair<string, FeelValue>(c.Key, ToFeel(c.Value)))),
        TckSimpleValue simple => Simple(simple),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown TCK value."),
    };

    private static FeelValue Simple(TckSimpleValue simple)
    {
        var text = simple.Text;
        var trimmed = text.Trim();
        return simple.XsdType switch
        {
            null or "string" or "anyURI" or "normalizedString" or "token" => new FeelString(text),
            "decimal" or "double" or "float" or "integer" or "int" or "long" or "short" or "byte" or "nonNegativeInteger" or "positiveInteger"
                => FeelNumber.TryParse(trimmed, out var n) ? n : throw Bad(simple),
            "boolean" => trimmed switch
            {
                "true" or "1" => FeelValue.True,
                "false" or "0" => FeelValue.False,
                _ => throw Bad(simple),
            },
            "date" => (FeelValue?)FeelDate.Parse(trimmed) ?? throw Bad(simple),
            "time" => (FeelValue?)FeelTime.Parse(trimmed) ?? throw Bad(simple),
            "dateTime" => (FeelValue?)FeelDateTime.Parse(trimmed) ?? throw Bad(simple),
            "duration" or "dayTimeDuration" or "yearMonthDuration" => Duration(simple, trimmed),
            _ => throw new FormatException($"Unsupported xsi:type 'xsd:{simple.XsdType}' for value '{text}'."),
        };
    }

    private static FeelValue Duration(TckSimpleValue simple, string text)
    {
        var datePart = text.Split('T')[0];
        if (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            return (FeelValue?)FeelYearsMonthsDuration.Parse(text) ?? throw Bad(simple);
        }

        return (FeelValue?)FeelDaysTimeDuration.Parse(text) ?? throw Bad(simple);
    }

    private static FormatException Bad(TckSimpleValue simple) => new($"'{simple.Text}' is not a valid xsd:{simple.XsdType}.");
}
