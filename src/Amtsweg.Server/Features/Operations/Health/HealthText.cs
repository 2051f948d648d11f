using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary>German names of the engine's stable incident types, for the operator's pages.</summary>
public static class HealthText
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        IncidentTypes.ExpressionFailed, IncidentTypes.NoFlowTaken, IncidentTypes.StepLimitExceeded, IncidentTypes.JobFailed,
        IncidentTypes.UnhandledError, IncidentTypes.CalledElementNotFound, IncidentTypes.FormNotFound, IncidentTypes.UnsupportedElement,
    };

    /// <summary>The incident type's name; a type this version does not know is "another error", never the raw key.</summary>
    public static string IncidentType(IStringLocalizer<Ui> text, string type)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Known.Contains(type) ? "Health.Type." + type : "Health.Type.Other"].Value;
    }
}
