using Microsoft.AspNetCore.Identity;

namespace Amtsweg.Server.Security;

/// <summary>Identity's messages in German, as users read them.</summary>
internal sealed class GermanIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Ein unbekannter Fehler ist aufgetreten.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Den Benutzernamen „{userName}“ gibt es bereits.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"Der Benutzername „{userName}“ ist ungültig: erlaubt sind Buchstaben, Ziffern und - . _ @.");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Das Kennwort muss mindestens {length} Zeichen lang sein.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Das Kennwort muss mindestens eine Ziffer enthalten.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Das Kennwort muss mindestens einen Kleinbuchstaben enthalten.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Das Kennwort muss mindestens einen Großbuchstaben enthalten.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Das Kennwort muss mindestens ein Sonderzeichen enthalten.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Das Kennwort muss mindestens {uniqueChars} verschiedene Zeichen enthalten.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Das bisherige Kennwort ist nicht richtig.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Für diesen Benutzer ist keine Sperre vorgesehen.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Der Benutzer hat die Rolle „{role}“ bereits.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
