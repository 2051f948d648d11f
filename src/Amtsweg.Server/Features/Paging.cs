using Microsoft.AspNetCore.Http.HttpResults;

namespace Amtsweg.Server.Features;

/// <summary>The paging parameters of list routes: <c>skip</c> from 0, <c>take</c> from 1 to <see cref="MaxTake"/>.</summary>
internal static class Paging
{
    public const int DefaultTake = 50;

    public const int MaxTake = 200;

    /// <summary>The refusal of invalid paging parameters, or null when they are fine.</summary>
    public static ProblemHttpResult? Invalid(int? skip, int? take) =>
        skip is < 0 || take is < 1 or > MaxTake
            ? ApiErrors.Invalid("request.paging-invalid", $"skip muss mindestens 0 und take zwischen 1 und {MaxTake} liegen.")
            : null;
}
