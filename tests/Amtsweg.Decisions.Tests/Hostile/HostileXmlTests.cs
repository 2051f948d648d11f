using System.Text;
using Amtsweg.Xml;

namespace Amtsweg.Decisions.Tests.Hostile;

public class HostileXmlTests
{
    [Fact]
    public void ParseText_RejectsExternalEntity_WithoutReadingIt()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "secret");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="x" name="&xxe;" namespace="urn:x"/>
                """;

            var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText(xml));

            Assert.Contains("DTD", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void ParseText_RejectsEntityExpansion()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="x" name="&lol3;" namespace="urn:x"/>
            """;

        Assert.Throws<DmnModelException>(() => DmnParser.ParseText(xml));
    }

    [Fact]
    public void ParseFile_RejectsHundredMegabyteFile_BeforeReadingIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.Write("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\" name=\"x\" namespace=\"urn:x\">"u8);

                // The rest of the 100 MB stays a hole in a sparse file: the test is about reading, not about writing.
                file.SetLength(100L * 1024 * 1024);
            }

            using var counting = new CountingStream(File.OpenRead(path));

            var ex = Assert.Throws<DmnModelException>(() => DmnParser.Parse(counting));

            Assert.Contains("bytes", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, counting.BytesRead);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_StopsAtCharacterLimit_WhenStreamCannotSeek()
    {
        var endless = new EndlessXmlStream();
        var limits = new XmlLimits(MaxCharacters: 1_000_000, MaxDepth: 256);

        var ex = Assert.Throws<DmnModelException>(() => DmnParser.Parse(endless, limits));

        Assert.Contains("not acceptable XML", ex.Message, StringComparison.Ordinal);
        Assert.True(endless.BytesRead < 2_000_000, $"read {endless.BytesRead} bytes");
    }

    [Fact]
    public void ParseText_RejectsTenThousandNestedContexts_WithoutStackOverflow()
    {
        var builder = new StringBuilder();
        builder.Append("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\" name=\"x\" namespace=\"urn:x\"><decision id=\"d\" name=\"d\">");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("<context><contextEntry><variable name=\"a\"/>");
        }

        builder.Append("<literalExpression><text>1</text></literalExpression>");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("</contextEntry></context>");
        }

        builder.Append("</decision></definitions>");

        var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText(builder.ToString()));

        Assert.Contains("nesting", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts the bytes a consumer actually reads.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A non-seekable stream of a start tag followed by endless whitespace.</summary>
    private sealed class EndlessXmlStream : Stream
    {
        private static readonly byte[] Head = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\" name=\"x\" namespace=\"urn:x\">"u8.ToArray();

        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : (byte)' ';
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
