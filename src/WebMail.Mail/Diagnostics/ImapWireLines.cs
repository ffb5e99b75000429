namespace WebMail.Mail.Diagnostics;

/// <summary>
/// Splits one direction of a plaintext IMAP stream into the starts of its logical lines, without keeping any data: only the
/// first <see cref="HeadBytes"/> bytes of a line (enough for a tag and a command name) and its last few (to see a literal
/// marker <c>{n}</c>, <c>{n+}</c>, <c>~{n}</c>) are looked at; literal octets (message bodies, APPEND data) are counted
/// down and skipped, so nothing inside a message can ever be read as a command or an answer.
/// </summary>
internal sealed class ImapWireLines
{
    public const int HeadBytes = 48;
    private const int TailBytes = 24;

    private readonly byte[] _head = new byte[HeadBytes];
    private readonly byte[] _tail = new byte[TailBytes];
    private int _length;
    private long _literalRemaining;
    private bool _continuation;

    /// <summary>Feeds the next bytes of the stream; <paramref name="onLineStart"/> gets the head of every line that starts a logical line.</summary>
    public void Feed(ReadOnlySpan<byte> data, LineStart onLineStart)
    {
        while (!data.IsEmpty)
        {
            if (_literalRemaining > 0)
            {
                var skip = (int)Math.Min(_literalRemaining, data.Length);
                _literalRemaining -= skip;
                data = data[skip..];
                continue;
            }

            var newline = data.IndexOf((byte)'\n');
            Keep(newline < 0 ? data : data[..newline]);
            if (newline < 0)
            {
                return;
            }

            data = data[(newline + 1)..];
            EndOfLine(onLineStart);
        }
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_length < HeadBytes)
        {
            var n = Math.Min(HeadBytes - _length, bytes.Length);
            bytes[..n].CopyTo(_head.AsSpan(_length));
        }

        // The tail: the last TailBytes bytes of the line so far, oldest first.
        var total = _length + bytes.Length;
        if (bytes.Length >= TailBytes)
        {
            bytes[^TailBytes..].CopyTo(_tail);
        }
        else if (bytes.Length > 0)
        {
            var keep = Math.Min(TailBytes - bytes.Length, _length);
            _tail.AsSpan(TailBytes - keep, keep).CopyTo(_tail.AsSpan(TailBytes - keep - bytes.Length));
            bytes.CopyTo(_tail.AsSpan(TailBytes - bytes.Length));
        }

        _length = total;
    }

    private void EndOfLine(LineStart onLineStart)
    {
        var headLength = Math.Min(_length, HeadBytes);
        var tail = _tail.AsSpan(TailBytes - Math.Min(_length, TailBytes));
        if (!tail.IsEmpty && tail[^1] == (byte)'\r')
        {
            tail = tail[..^1];
        }

        var startsLogicalLine = !_continuation;
        _length = 0;
        _continuation = TryLiteralLength(tail, out _literalRemaining);
        if (startsLogicalLine)
        {
            onLineStart(_head.AsSpan(0, headLength));
        }
    }

    /// <summary>A line ending in <c>{123}</c>, <c>{123+}</c> or <c>~{123}</c> announces 123 octets that follow it.</summary>
    internal static bool TryLiteralLength(ReadOnlySpan<byte> line, out long length)
    {
        length = 0;
        if (line.IsEmpty || line[^1] != (byte)'}')
        {
            return false;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return false;
        }

        var digits = line[(open + 1)..^1];
        if (!digits.IsEmpty && digits[^1] is (byte)'+' or (byte)'-')
        {
            digits = digits[..^1];
        }

        if (digits.IsEmpty || digits.Length > 12)
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = (length * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Receives the first bytes of a logical line (CR/LF not included when the line is short).</summary>
    public delegate void LineStart(ReadOnlySpan<byte> head);
}
