using Amtsweg.Records.Privacy;

namespace Amtsweg.Server.Features.Privacy;

/// <summary>A DSGVO request about one person. In the body, not the URL, so that names stay out of logs.</summary>
/// <param name="Name">Full name (first and last name).</param>
/// <param name="Email">E-mail address, if known.</param>
/// <param name="Address">Postal address, if known (tells namesakes among the Beteiligte apart).</param>
/// <param name="BirthDate">Date of birth, if known (likewise).</param>
/// <param name="Reason">The occasion, e.g. the reference of the person's request; recorded in the audit trail.</param>
public sealed record PrivacyRequest(string Name, string? Email, string? Address, DateOnly? BirthDate, string Reason)
{
    internal DataSubject Person => new(Name, Email, Address, BirthDate);
}
