using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Posteingang;

public class PosteingangPageTests
{
    // Issue 10, point 6: the Posteingang said who received an item by login name ("sachbearbeitung-3f2a…"), in the list
    // and in the Transfervermerk of a processed item.
    [Theory]
    [AllProviders]
    public async Task Bug_PosteingangPage_ShowedLoginName_OfWhoReceivedTheItem(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var user = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var clerk = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(clerk, user.User.UserName!, user.InitialPassword)).StatusCode);
        var upload = await clerk.PostAsync("/api/posteingang", PosteingangApiTests.Form("Antrag auf Sondernutzung"u8.ToArray(), "antrag.txt"));
        var accepted = await upload.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IntakeItemResponse>();
        // Processed, so that the Transfervermerk ("erfasst von") is on the page too.
        await PosteingangApiTests.WaitUntilProcessedAsync(clerk, accepted!.Id);

        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync("/posteingang"));

        Assert.Contains("antrag.txt", page, StringComparison.Ordinal);
        Assert.Contains(", Sachbearbeitung Test</span>", page, StringComparison.Ordinal);
        Assert.Contains("Transfervermerk", page, StringComparison.Ordinal);
        Assert.DoesNotContain(user.User.UserName!, page, StringComparison.Ordinal);
    }
}
