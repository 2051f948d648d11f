using System.Text;

namespace Amtsweg.Bpmn.Tests.Support;

/// <summary>
/// A read-only stream that produces a header, numbered chunks until the chunk function returns null or the body
/// reaches a size, then a footer, without holding the document in memory.
/// </summary>
internal sealed class GeneratedStream(string header, Func<long, string?> chunk, string footer, long maxBodyBytes = long.MaxValue) : Stream
{
    private readonly byte[] _header = Encoding.UTF8.GetBytes(header);
    private readonly byte[] _footer = Encoding.UTF8.GetBytes(footer);
    private byte[] _pending = [];
    private int _pendingOffset;
    private long _produced;
    private long _chunkIndex;
    private int _phase;

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
        if (_pendingOffset >= _pending.Length && !Refill())
        {
            return 0;
        }

        var n = Math.Min(count, _pending.Length - _pendingOffset);
        Array.Copy(_pending, _pendingOffset, buffer, offset, n);
        _pendingOffset += n;
        BytesRead += n;
        return n;
    }

    private bool Refill()
    {
        _pendingOffset = 0;
        switch (_phase)
        {
            case 0:
                _pending = _header;
                _phase = 1;
                return true;
            case 1 when _produced < maxBodyBytes && chunk(_chunkIndex++) is { } next:
                _pending = Encoding.UTF8.GetBytes(next);
                _produced += _pending.Length;
                return true;
            case 1:
                _pending = _footer;
                _phase = 2;
                return true;
            default:
                return false;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
