using System.Net;
using System.Text.RegularExpressions;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Intent steps of the user administration and account tests: forms posted as a browser posts them.</summary>
internal static partial class UserPages
{
    /// <summary>Creates an administrator of the municipality and signs in as them; returns the user and the client.</summary>
    public static async Task<(CreatedUser Admin, HttpClient Client)> SignInAsAdministratorAsync(AmtswegFactory factory, Municipality municipality)
    {
        var admin = await factory.CreateUserAsync(municipality, Roles.Administration);
        var client = factory.CreateBrowserClient();
        var signedIn = await AmtswegFactory.PostSignInAsync(client, admin.User.UserName!, admin.InitialPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (admin, client);
    }

    /// <summary>Posts a form of the page at <paramref name="formPage"/> (which gives the antiforgery token) to <paramref name="target"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string target, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, formPage);
        return await client.PostAsync(target, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>Posts "Benutzer anlegen".</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string userName, string displayName, params string[] roles) =>
        PostFormAsync(client, "/verwaltung/benutzer/neu", "/verwaltung/benutzer/neu",
            [new("benutzername", userName), new("anzeigename", displayName), .. roles.Select(role => new KeyValuePair<string, string>("rollen", role))]);

    /// <summary>Posts a handler of a user's page.</summary>
    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid userId, string handler, params KeyValuePair<string, string>[] fields) =>
        PostFormAsync(client, "/verwaltung", $"/verwaltung/benutzer/{userId}?handler={handler}", fields);

    /// <summary>Posts "Änderungen speichern" on a user's page.</summary>
    public static Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid userId, string displayName, params string[] roles) =>
        ActAsync(client, userId, "Save", [new("anzeigename", displayName), .. roles.Select(role => new KeyValuePair<string, string>("rollen", role))]);

    /// <summary>The password shown once on a result page.</summary>
    public static string ShownPassword(string html)
    {
        var match = SecretPattern().Match(html);
        Assert.True(match.Success, "No password on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The stored user and their roles, read in platform scope past every filter.</summary>
    public static async Task<(AppUser? User, IList<string> Roles)> StoredAsync(AmtswegFactory factory, string userName)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }

    /// <summary>How many users and role links exist on the installation.</summary>
    public static async Task<(int Users, int Links)> CountAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return (await db.Users.CountAsync(), await db.UserRoles.CountAsync());
    }

    /// <summary>Signs in on a new client; returns the status of the answer to the sign-in form (302 signed in, 200 refused).</summary>
    public static async Task<HttpStatusCode> SignInStatusAsync(AmtswegFactory factory, string userName, string password) =>
        (await AmtswegFactory.PostSignInAsync(factory.CreateBrowserClient(), userName, password)).StatusCode;

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex SecretPattern();
}
