using System.Globalization;
using System.Reflection;
using System.Resources;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Resources;

namespace Amtsweg.Server.Tests.Records;

// The e-file pages build some text keys at run time ($"Records.State.{state}", the confirmation after an act);
// LocalizationTests sees only literal keys, so these are checked here.
public class RecordsTextsTests
{
    [Fact]
    public void InterpolatedKeysOfEFilePages_ExistInGermanAndEnglish()
    {
        var keys = Enum.GetValues<RecordState>().Select(state => $"Records.State.{state}")
            .Concat(Enum.GetValues<IntakeStatus>().Select(status => $"Intake.Status.{status}"))
            .Concat(["Cases.VermerkAdded", "Cases.WiedervorlageSet", "Cases.Closed", "Cases.Reopened"])
            .Concat(DetailModel.Sections.All.Select(section => $"Cases.Section.{section}"))
            .Concat(Enum.GetValues<ProcessInstanceState>().Select(state => $"Cases.ProcessState.{state}"))
            .ToList();
        var resources = new ResourceManager(typeof(Ui));
        var german = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = resources.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        Assert.DoesNotContain(keys, key => german.GetString(key) is null || english.GetString(key) is null);
    }

    // Issue 10: the Vorgang page showed raw codes ("incident-resolved") for which no text existed. Every code the engine
    // and the e-file can record has a German and an English sentence; a new code without text fails here.
    [Fact]
    public void EveryHistoryAndAuditCode_HasGermanAndEnglishText()
    {
        var keys = Codes(typeof(HistoryEventTypes)).Select(code => $"History.{code}")
            .Concat(Codes(typeof(AuditActions)).Concat(Codes(typeof(IntakeAuditActions))).Select(code => $"Audit.{code}"))
            .ToList();
        var resources = new ResourceManager(typeof(Ui));
        var german = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = resources.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        Assert.True(keys.Count > 50, $"only {keys.Count} codes found");
        var missing = keys.Where(key => string.IsNullOrWhiteSpace(german.GetString(key)) || string.IsNullOrWhiteSpace(english.GetString(key))).ToList();
        Assert.True(missing.Count == 0, "Without text: " + string.Join(", ", missing));
        Assert.DoesNotContain(keys, key => german.GetString(key)!.Contains('-', StringComparison.Ordinal) && german.GetString(key) == key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]);
    }

    private static IEnumerable<string> Codes(Type constants) =>
        constants.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
}
