using System.Text;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Records.Privacy;

/// <summary>
/// The person a DSGVO request is about. The name (and the e-mail address, when given) identify the person in the
/// Beteiligte, in the documents' metadata and in their full text; address and date of birth tell namesakes among the
/// Beteiligte apart (a Beteiligter whose stored address or birth date differs is someone else).
/// </summary>
/// <param name="Name">The full name, e.g. <c>Erika Müller</c>.</param>
/// <param name="Email">The e-mail address, if known.</param>
/// <param name="Address">The postal address, if known.</param>
/// <param name="BirthDate">The date of birth, if known.</param>
public sealed record DataSubject(string Name, string? Email = null, string? Address = null, DateOnly? BirthDate = null)
{
    /// <summary>Checks the input; a German <see cref="RecordsException"/> when it is not usable.</summary>
    internal DataSubject Validated()
    {
        var name = Validation.Text(Name, "Der Name der Person", 300);
        if (PersonMatcher.Fold(name).Split(' ').Length < 2)
        {
            throw RecordsErrors.InvalidError("Bitte geben Sie Vor- und Nachnamen der Person an; ein einzelnes Wort träfe zu viele andere.");
        }

        var email = Validation.OptionalText(Email, "Die E-Mail-Adresse", 300);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            throw RecordsErrors.InvalidError("Die E-Mail-Adresse ist ungültig.");
        }

        return new DataSubject(name, email, Validation.OptionalText(Address, "Die Anschrift", 500), BirthDate);
    }

    /// <summary>
    /// A test whether a text names this person, the way the e-file looks for the person (whole name in either order,
    /// case, umlauts and ß folded; or the e-mail address): for data another module stores, e.g. process variables.
    /// </summary>
    /// <exception cref="RecordsException">The person is not usable (see <see cref="Validated"/>).</exception>
    public Func<string?, bool> CreateMatcher() => new PersonMatcher(Validated()).IsMentionedIn;
}

/// <summary>
/// Decides whether a text or a Beteiligter refers to a <see cref="DataSubject"/>: the whole name as words, in either
/// order ("Erika Müller", "Müller, Erika"), case, umlauts and ß folded; or the e-mail address.
/// </summary>
internal sealed class PersonMatcher
{
    private readonly DataSubject _subject;
    private readonly string[] _names;
    private readonly string? _email;

    public PersonMatcher(DataSubject subject)
    {
        _subject = subject;
        var words = Fold(subject.Name).Split(' ');
        _names = [" " + string.Join(' ', words) + " ", " " + string.Join(' ', words[^1..].Concat(words[..^1])) + " "];
        _email = subject.Email?.Trim().ToLowerInvariant();
    }

    /// <summary>The last word of the name, as typed: a cheap, case-sensitive pre-filter for the database.</summary>
    public string Surname => _subject.Name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    public bool IsMentionedIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var folded = " " + Fold(text) + " ";
        return _names.Any(n => folded.Contains(n, StringComparison.Ordinal))
            || (_email is not null && text.Contains(_email, StringComparison.OrdinalIgnoreCase));
    }

    public bool IsSubject(Beteiligter beteiligter)
    {
        if (_email is not null && string.Equals(beteiligter.Email?.Trim(), _email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var sameName = _names.Contains(" " + Fold(beteiligter.Name) + " ", StringComparer.Ordinal);
        var otherBirthDate = _subject.BirthDate is { } born && beteiligter.BirthDate is { } stored && born != stored;
        var otherAddress = _subject.Address is { } address && beteiligter.Address is { } storedAddress && Fold(address) != Fold(storedAddress);
        return sameName && !otherBirthDate && !otherAddress;
    }

    /// <summary>Lower case, umlauts and ß spelled out, every run of other characters one space.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.ToLowerInvariant())
        {
            var folded = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsLetterOrDigit(c) => null,
                _ => " ",
            };
            if (folded is null)
            {
                builder.Append(c);
            }
            else if (folded != " " || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(folded);
            }
        }

        return builder.ToString().TrimEnd();
    }
}
