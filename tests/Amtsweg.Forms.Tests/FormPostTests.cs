using System.Text.Json.Nodes;

namespace Amtsweg.Forms.Tests;

public sealed class FormPostTests
{
    [Fact]
    public void Read_BuildsNestedObjectsListsAndMultipleValues_FromTheRenderersFieldNames()
    {
        var data = FormPost.Read(Fields(
            ("__RequestVerificationToken", ["geheim"]),
            ("name", ["Erika"]),
            ("antrag.ort", ["Musterstadt"]),
            ("kinder[1].name", ["Ben"]),
            ("kinder[0].name", ["Ada"]),
            ("unterlagen", ["ausweis", "meldebescheinigung"])));

        Assert.Equal(
            """{"name":"Erika","antrag":{"ort":"Musterstadt"},"kinder":[{"name":"Ada"},{"name":"Ben"}],"unterlagen":["ausweis","meldebescheinigung"]}""",
            data.ToJsonString());
    }

    [Theory]
    [InlineData("kinder[5000].name")]
    [InlineData("kinder[].name")]
    [InlineData("a..b")]
    [InlineData("a[0")]
    public void Read_LeavesOutNamesTheRendererNeverWrites(string name)
    {
        var data = FormPost.Read(Fields((name, ["x"])));

        Assert.Empty(data);
    }

    private static List<KeyValuePair<string, IReadOnlyList<string>>> Fields(params (string Name, string[] Values)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Name, f.Values))];
}
