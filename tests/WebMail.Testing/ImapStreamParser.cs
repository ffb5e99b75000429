using System.Text;

namespace WebMail.Testing;

/// <summary>
/// Splits one direction of a plaintext IMAP stream into logical lines: a line that ends with a literal
/// marker (<c>{n}</c>, <c>{n+}</c>, <c>~{n}</c>) continues after the literal's n octets, which are skipped,
/// never read as lines. Each complete logical line (its first part, without the literal data) is handed to
/// <paramref name="onLine"/>. Literal data is counted down, not stored, so a 20 MB FETCH costs no memory.
/// </summary>
internal sealed class ImapStreamParser(Action<string> onLine)
{
    /// <summary>Only the start of a line matters (tag, command, first arguments); longer lines are cut here.</summary>
    private const int MaxKeptLineBytes = 4096;

    private readonly List<byte> _current = new(256);
    private readonly StringBuilder _logical = new();
    private long _literalRemaining;
    private int _lineLength;

    /// <summary>Feeds the next bytes read from the stream, in order.</summary>
    public void Feed(ReadOnlySpan<byte> data)
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
            var take = newline < 0 ? data : data[..newline];
            foreach (var b in take)
            {
                if (_lineLength++ < MaxKeptLineBytes)
                {
                    _current.Add(b);
                }
            }

            if (newline < 0)
            {
                return;
            }

            data = data[(newline + 1)..];
            EndOfLine();
        }
    }

    private void EndOfLine()
    {
        var line = Encoding.Latin1.GetString([.. _current]).TrimEnd('\r');
        _current.Clear();
        _lineLength = 0;
        if (TryLiteralLength(line, out var length, out var markerStart))
        {
            // The logical line goes on after the literal: keep its text, note where the literal was.
            _logical.Append(line, 0, markerStart).Append("{literal}");
            _literalRemaining = length;
            return;
        }

        _logical.Append(line);
        var complete = _logical.ToString();
        _logical.Clear();
        onLine(complete);
    }

    /// <summary>A line ending in <c>{123}</c>, <c>{123+}</c> (LITERAL+) or <c>~{123}</c> (literal8) announces 123 octets.</summary>
    private static bool TryLiteralLength(string line, out long length, out int markerStart)
    {
        length = 0;
        markerStart = line.LastIndexOf('{');
        if (markerStart < 0 || !line.EndsWith('}'))
        {
            return false;
        }

        var digits = line.AsSpan(markerStart + 1, line.Length - markerStart - 2).TrimEnd('+');
        if (digits.IsEmpty || !long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length))
        {
            return false;
        }

        if (markerStart > 0 && line[markerStart - 1] == '~')
        {
            markerStart--;
        }

        return true;
    }
}
