using System.IO.Compression;
using System.Xml.Linq;

namespace Amtsweg.Records.Tests.Archive;

public sealed class XdomeaSchemaTests
{
    [Fact]
    public void Validate_AcceptsTheSampleMessages_AndRefusesABrokenOne()
    {
        var samples = Directory.GetFiles(XdomeaSchemas.Samples, "*.zip");
        foreach (var sample in samples)
        {
            using var zip = ZipFile.OpenRead(sample);
            var entry = zip.Entries.Single(e => e.Name.EndsWith(".xml", StringComparison.Ordinal));
            using var stream = entry.Open();
            var document = XDocument.Load(stream);
            Assert.Empty(XdomeaSchemas.Validate(document));
            Assert.Equal(Path.GetFileNameWithoutExtension(sample) + ".xml", entry.Name);

            document.Root!.Element(document.Root.Name.Namespace + "Kopf")!.Element(document.Root.Name.Namespace + "ProzessID")!.Value = "keine-uuid";
            Assert.NotEmpty(XdomeaSchemas.Validate(document));
        }

        Assert.Equal(3, samples.Length);
    }
}
