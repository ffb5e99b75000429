using System.Globalization;
using System.Text;

namespace WebMail.Mail.Sieve;

/// <summary>One item of a ManageSieve response line: an atom (OK, ACTIVE...), a string (quoted or literal) or a parenthesised response code.</summary>
internal sealed record SieveToken(SieveTokenKind Kind, string Text, IReadOnlyList<SieveToken>? Items = null);

internal enum SieveTokenKind
{
    Atom,
    String,
    List,
}

/// <summary>The server closed the connection while a response was expected.</summary>
internal sealed class SieveConnectionClosedException() : IOException("The connection was closed by the server.");

/// <summary>Reads ManageSieve response lines (RFC 5804 section 4): atoms, quoted strings, literals <c>{n}</c> and <c>(CODE ...)</c>.</summary>
internal sealed class SieveReader(Stream stream)
{
    private const int MaxLiteral = 16 * 1024 * 1024;
    private readonly byte[] _buffer = new byte[8192];
    private int _start, _end;

    /// <summary>Whether bytes are read but not yet consumed (must be none when the stream is switched to TLS).</summary>
    public bool HasBufferedData => _start < _end;

    /// <summary>The tokens of the next response line (a literal's content becomes one string token).</summary>
    public async Task<IReadOnlyList<SieveToken>> ReadLineAsync(CancellationToken cancellationToken)
    {
        var stack = new Stack<List<SieveToken>>();
        var line = new List<SieveToken>();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            switch (b)
            {
                case (byte)' ' or (byte)'\r':
                    continue;
                case (byte)'\n':
                    return stack.Count == 0 ? line : throw new InvalidDataException("Unbalanced parenthesis in the server's response.");
                case (byte)'"':
                    line.Add(new SieveToken(SieveTokenKind.String, await ReadQuotedAsync(cancellationToken).ConfigureAwait(false)));
                    break;
                case (byte)'{':
                    line.Add(new SieveToken(SieveTokenKind.String, await ReadLiteralAsync(cancellationToken).ConfigureAwait(false)));
                    break;
                case (byte)'(':
                    stack.Push(line);
                    line = [];
                    break;
                case (byte)')' when stack.Count > 0:
                    var items = line;
                    line = stack.Pop();
                    line.Add(new SieveToken(SieveTokenKind.List, "", items));
                    break;
                default:
                    line.Add(new SieveToken(SieveTokenKind.Atom, await ReadAtomAsync(b, cancellationToken).ConfigureAwait(false)));
                    break;
            }
        }
    }

    private async Task<string> ReadQuotedAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b == '"')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add(b == '\\' ? await ReadByteAsync(cancellationToken).ConfigureAwait(false) : b);
        }
    }

    private async Task<string> ReadLiteralAsync(CancellationToken cancellationToken)
    {
        var digits = new StringBuilder();
        byte b;
        while ((b = await ReadByteAsync(cancellationToken).ConfigureAwait(false)) != '}')
        {
            if (b != '+')
            {
                digits.Append((char)b);
            }
        }

        if (!int.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxLiteral)
        {
            throw new InvalidDataException("The server sent a literal of unknown or excessive length.");
        }

        while (await ReadByteAsync(cancellationToken).ConfigureAwait(false) != '\n')
        {
        }

        var content = new byte[length];
        for (var i = 0; i < length;)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var n = Math.Min(length - i, _end - _start);
            Array.Copy(_buffer, _start, content, i, n);
            (_start, i) = (_start + n, i + n);
        }

        return Encoding.UTF8.GetString(content);
    }

    private async Task<string> ReadAtomAsync(byte first, CancellationToken cancellationToken)
    {
        var atom = new StringBuilder().Append((char)first);
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var b = _buffer[_start];
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'(' or (byte)')')
            {
                return atom.ToString();
            }

            atom.Append((char)b);
            _start++;
        }
    }

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return _buffer[_start++];
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var n = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            throw new SieveConnectionClosedException();
        }

        (_start, _end) = (0, n);
    }
}
