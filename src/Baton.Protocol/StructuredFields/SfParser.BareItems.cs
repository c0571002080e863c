using System.Globalization;

namespace Baton.Protocol.StructuredFields;

/// <summary>Bare items (RFC 9651 §4.2.3): integers and decimals, strings, tokens, byte sequences, booleans.</summary>
public ref partial struct SfParser
{
    private bool TryBareItem(out SfKind kind, out object value)
    {
        kind = default;
        value = null!;
        var c = Peek();
        switch (c)
        {
            case '-' or (>= '0' and <= '9'):
                return TryNumber(out kind, out value);
            case '"':
                kind = SfKind.String;
                return TryString(out value);
            case ':':
                kind = SfKind.ByteSequence;
                return TryBytes(out value);
            case '?':
                kind = SfKind.Boolean;
                if (_pos + 1 < _input.Length && _input[_pos + 1] is '0' or '1')
                {
                    value = _input[_pos + 1] == '1';
                    _pos += 2;
                    return true;
                }
                return false;
            case '*' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'):
                kind = SfKind.Token;
                var start = _pos++;
                while (_pos < _input.Length && IsTokenChar(_input[_pos]))
                {
                    _pos++;
                }
                value = _input[start.._pos].ToString();
                return true;
            default:
                return false;
        }
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or ':' or '/';

    private bool TryNumber(out SfKind kind, out object value)
    {
        kind = SfKind.Integer;
        value = null!;
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }
        var digitsStart = _pos;
        if (Peek() is < '0' or > '9')
        {
            return false; // §4.2.4: a digit must follow the optional minus sign ("-.5" is not a number)
        }
        var dot = -1;
        while (_pos < _input.Length)
        {
            var c = _input[_pos];
            if (c is >= '0' and <= '9')
            {
                _pos++;
            }
            else if (c == '.' && dot < 0)
            {
                dot = _pos++;
            }
            else
            {
                break;
            }
        }
        var digits = _pos - digitsStart;
        if (digits == 0 || (dot < 0 && digits > 15) || (dot >= 0 && (dot - digitsStart > 12 || _pos - dot - 1 is < 1 or > 3)))
        {
            return false; // §4.2.4: at most 15 digits for integers, 12.3 for decimals
        }
        var text = _input[start.._pos];
        if (dot < 0)
        {
            value = long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return true;
        }
        kind = SfKind.Decimal;
        value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    private bool TryString(out object value)
    {
        value = null!;
        _pos++;
        var builder = new System.Text.StringBuilder();
        while (_pos < _input.Length)
        {
            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] is not ('"' or '\\'))
                {
                    return false;
                }
                builder.Append(_input[_pos++]);
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return true;
            }
            else if (c is < ' ' or > '~')
            {
                return false;
            }
            else
            {
                builder.Append(c);
            }
        }
        return false;
    }

    private bool TryBytes(out object value)
    {
        value = null!;
        var end = _input[(_pos + 1)..].IndexOf(':');
        if (end < 0)
        {
            return false;
        }
        var text = _input.Slice(_pos + 1, end);
        _pos += end + 2;
        // §4.2.7: only base64 characters and "="; Convert would otherwise skip embedded whitespace
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written))
        {
            return false;
        }
        value = buffer[..written];
        return true;
    }
}
