using System.Diagnostics.CodeAnalysis;

namespace Amtsweg.Server.Platform;

/// <summary>Checks an Amtlicher Gemeindeschlüssel: 8 digits, the first two a federal state's code.</summary>
public static class Ags
{
    /// <summary>Validates an AGS and gives its federal state, or a German error message.</summary>
    public static bool TryParse(string? value, out FederalState state, [NotNullWhen(false)] out string? error)
    {
        state = default;
        if (value is null || value.Length != 8 || !value.All(char.IsAsciiDigit))
        {
            error = "Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.";
            return false;
        }

        var code = int.Parse(value.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (!Enum.IsDefined(typeof(FederalState), code))
        {
            error = $"Der AGS {value} beginnt nicht mit dem Schlüssel eines Bundeslandes (01 bis 16).";
            return false;
        }

        state = (FederalState)code;
        error = null;
        return true;
    }
}
