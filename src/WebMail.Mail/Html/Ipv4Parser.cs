using System.Globalization;
using System.Net;

namespace WebMail.Mail.Html;

/// <summary>The WHATWG IPv4 parser (1 to 4 parts, decimal, octal or hex).</summary>
internal static class Ipv4Parser
{
    public static IPAddress? Parse(string host)
    {
        var parts = host.Split('.');
        if (parts.Length is 0 or > 4)
        {
            return null;
        }

        var numbers = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePart(parts[i], out numbers[i]) || (i < parts.Length - 1 && numbers[i] > 255))
            {
                return null;
            }
        }

        var last = numbers[^1];
        if (last >= 1UL << (8 * (5 - parts.Length)))
        {
            return null;
        }

        var value = last;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            value += numbers[i] << (8 * (3 - i));
        }

        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0 || part.Length > 20)
        {
            return false;
        }

        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return part.Length == 2 || ulong.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part.AsSpan(1))
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }

                value = checked((value * 8) + (ulong)(c - '0'));
            }

            return true;
        }

        return part.All(char.IsAsciiDigit)
            && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
