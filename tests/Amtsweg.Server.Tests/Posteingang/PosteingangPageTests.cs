using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Posteingang;

public class PosteingangPageTests
{
    // Issue 10, point 6: the Posteingang said who received an item by login name ("sachbearbeitung-3f2a…").
    [Theory]
    [AllProviders]
    public async Task Bug_PosteingangPage_ShowedLoginName_OfWhoReceivedTheItem(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var user = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var clerk = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(clerk, user.User.UserName!, user.InitialPassword)).StatusCode);
        (await clerk.PostAsync("/api/posteingang", PosteingangApiTests.Form("Antrag auf Sondernutzung"u8.ToArray(), "antrag.txt"))).EnsureSuccessStatusCode();

        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync("/posteingang"));

        Assert.Contains("antrag.txt", page, StringComparison.Ordinal);
        Assert.Contains(", Sachbearbeitung Test</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(user.User.UserName!, page, StringComparison.Ordinal);
    }
}
