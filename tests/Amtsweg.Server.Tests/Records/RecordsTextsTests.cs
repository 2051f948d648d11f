using System.Globalization;
using System.Resources;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
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
            .ToList();
        var resources = new ResourceManager(typeof(Ui));
        var german = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = resources.GetResourceSet(new CultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        Assert.DoesNotContain(keys, key => german.GetString(key) is null || english.GetString(key) is null);
    }
}
