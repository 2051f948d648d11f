using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Feel.Tests;

public class ConversionTests
{
    [Fact]
    public void FromJson_KeepsAllDigits_WhenNumberExceedsDouble()
    {
        var value = FeelConvert.FromJson("{\"amount\": 12345678901234567890.123456789, \"items\": [1, \"a\", true, null]}");
        var context = Assert.IsType<FeelContext>(value);
        Assert.Equal("12345678901234567890.123456789", context["amount"].ToString());
        Assert.Equal("[1, \"a\", true, null]", context["items"].ToString());
    }

    [Fact]
    public void FromJson_ConvertsElement_WhenGivenJsonElement()
    {
        using var document = JsonDocument.Parse("{\"a\": {\"b\": 2.50}}");
        Assert.Equal("{a: {b: 2.5}}", FeelConvert.FromJson(document.RootElement).ToString());
    }

    [Fact]
    public void ToJson_WritesIsoStrings_WhenValuesAreTemporal()
    {
        var value = FeelParser.Evaluate("{d: date(\"2021-01-02\"), t: duration(\"P1D\"), n: 1/4, l: [true, null], s: \"x\"}").Value;
        var json = FeelConvert.ToJson(value)!.ToJsonString();
        Assert.Equal("{\"d\":\"2021-01-02\",\"t\":\"P1D\",\"n\":0.25,\"l\":[true,null],\"s\":\"x\"}", json);
    }

    [Fact]
    public void ToJson_RoundTrips_WhenValueIsJsonShaped()
    {
        var original = JsonNode.Parse("{\"a\":[1,2.5,{\"b\":\"c\"}],\"d\":false}")!;
        Assert.Equal(original.ToJsonString(), FeelConvert.ToJson(FeelConvert.FromJson(original))!.ToJsonString());
    }

    [Fact]
    public void FromObject_ConvertsClrValues_WhenTypesAreSupported()
    {
        var value = FeelConvert.FromObject(new Dictionary<string, object?>
        {
            ["int"] = 5,
            ["decimal"] = 1.25m,
            ["double"] = 0.1,
            ["date"] = new DateOnly(2021, 5, 6),
            ["time"] = new TimeOnly(10, 20),
            ["utc"] = new DateTime(2021, 5, 6, 7, 8, 9, DateTimeKind.Utc),
            ["offset"] = new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
            ["span"] = TimeSpan.FromMinutes(90),
            ["list"] = new[] { "a", "b" },
            ["none"] = null,
        });
        Assert.Equal(
            "{int: 5, decimal: 1.25, double: 0.1, date: 2021-05-06, time: 10:20:00, utc: 2021-05-06T07:08:09Z, offset: 2021-05-06T07:08:09+02:00, span: PT1H30M, list: [\"a\", \"b\"], none: null}",
            value.ToString());
    }

    [Fact]
    public void FromObject_Throws_WhenTypeIsNotSupported() =>
        Assert.Throws<ArgumentException>(() => FeelConvert.FromObject(new Uri("https://example.org")));

    [Fact]
    public void ToObject_GivesNaturalClrValues_WhenValuesFit()
    {
        var value = FeelParser.Evaluate("{n: 1.5, s: \"x\", d: date(\"2021-01-02\"), l: [1], z: null, dt: @\"2021-01-02T03:04:05+01:00\", p: duration(\"PT1M\")}").Value;
        var dictionary = Assert.IsType<Dictionary<string, object?>>(FeelConvert.ToObject(value));
        Assert.Equal(1.5m, dictionary["n"]);
        Assert.Equal("x", dictionary["s"]);
        Assert.Equal(new DateOnly(2021, 1, 2), dictionary["d"]);
        Assert.Equal(new List<object?> { 1m }, dictionary["l"]);
        Assert.Null(dictionary["z"]);
        Assert.Equal(new DateTimeOffset(2021, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)), dictionary["dt"]);
        Assert.Equal(TimeSpan.FromMinutes(1), dictionary["p"]);
    }

    [Fact]
    public void FromScope_MakesVariablesVisible_WhenCreatedFromClrDictionary()
    {
        var scope = FeelScope.From(new Dictionary<string, object?> { ["Applicant Age"] = 30, ["Name"] = "Ann" });
        FeelAssert.Renders("\"Ann is 30\"", "Name + \" is \" + string(Applicant Age)", scope);
    }
}
