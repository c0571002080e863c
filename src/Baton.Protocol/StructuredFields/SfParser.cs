namespace Baton.Protocol.StructuredFields;

/// <summary>
/// Parser for RFC 9651 (Structured Field Values) items, lists and dictionaries, following the algorithms of §4.2.
/// Any syntax error fails the whole field, as §4.2 requires.
/// </summary>
public ref partial struct SfParser
{
    private readonly ReadOnlySpan<char> _input;
    private int _pos;

    private SfParser(ReadOnlySpan<char> input)
    {
        _input = input;
        _pos = 0;
    }

    public static bool TryParseItem(string? field, out SfItem item)
    {
        item = null!;
        if (field is null)
        {
            return false;
        }
        var p = new SfParser(field);
        p.SkipSp();
        if (!p.TryItem(out item))
        {
            return false;
        }
        p.SkipSp();
        return p._pos == p._input.Length;
    }

    public static bool TryParseList(string? field, out List<SfItem> list)
    {
        list = [];
        if (field is null)
        {
            return false;
        }
        var p = new SfParser(field);
        p.SkipSp();
        while (p._pos < p._input.Length)
        {
            if (!p.TryItemOrInnerList(out var member))
            {
                return false;
            }
            list.Add(member);
            if (!p.NextMember(out var done))
            {
                return false;
            }
            if (done)
            {
                break;
            }
        }
        return true;
    }

    public static bool TryParseDictionary(string? field, out List<KeyValuePair<string, SfItem>> dictionary)
    {
        dictionary = [];
        if (field is null)
        {
            return false;
        }
        var p = new SfParser(field);
        p.SkipSp();
        while (p._pos < p._input.Length)
        {
            if (!p.TryKey(out var key))
            {
                return false;
            }
            SfItem member;
            if (p.Peek() == '=')
            {
                p._pos++;
                if (!p.TryItemOrInnerList(out member))
                {
                    return false;
                }
            }
            else
            {
                if (!p.TryParameters(out var parameters))
                {
                    return false;
                }
                member = new SfItem(SfKind.Boolean, true, parameters);
            }
            // §4.2.2: a later duplicate key overwrites the earlier value.
            var existing = dictionary.FindIndex(kv => kv.Key == key);
            if (existing >= 0)
            {
                dictionary[existing] = new(key, member);
            }
            else
            {
                dictionary.Add(new(key, member));
            }
            if (!p.NextMember(out var done))
            {
                return false;
            }
            if (done)
            {
                break;
            }
        }
        return true;
    }

    private char Peek() => _pos < _input.Length ? _input[_pos] : '\0';

    private void SkipSp()
    {
        while (_pos < _input.Length && _input[_pos] == ' ')
        {
            _pos++;
        }
    }

    private void SkipOws()
    {
        while (_pos < _input.Length && _input[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    /// <summary>After a list/dictionary member: OWS, then end, or a comma followed by another member.</summary>
    private bool NextMember(out bool done)
    {
        SkipOws();
        done = _pos == _input.Length;
        if (done)
        {
            return true;
        }
        if (_input[_pos] != ',')
        {
            return false;
        }
        _pos++;
        SkipOws();
        return _pos < _input.Length; // a trailing comma is an error
    }

    private bool TryItemOrInnerList(out SfItem item)
    {
        if (Peek() != '(')
        {
            return TryItem(out item);
        }
        item = null!;
        _pos++;
        var members = new List<SfItem>();
        while (_pos < _input.Length)
        {
            SkipSp();
            if (Peek() == ')')
            {
                _pos++;
                if (!TryParameters(out var parameters))
                {
                    return false;
                }
                item = new SfItem(SfKind.InnerList, members, parameters);
                return true;
            }
            if (!TryItem(out var member))
            {
                return false;
            }
            members.Add(member);
            if (Peek() is not (' ' or ')'))
            {
                return false;
            }
        }
        return false;
    }

    private bool TryItem(out SfItem item)
    {
        item = null!;
        if (!TryBareItem(out var kind, out var value) || !TryParameters(out var parameters))
        {
            return false;
        }
        item = new SfItem(kind, value, parameters);
        return true;
    }

    private bool TryParameters(out List<KeyValuePair<string, SfItem>> parameters)
    {
        parameters = [];
        while (Peek() == ';')
        {
            _pos++;
            SkipSp();
            if (!TryKey(out var key))
            {
                return false;
            }
            SfItem value;
            if (Peek() == '=')
            {
                _pos++;
                if (!TryBareItem(out var kind, out var bare))
                {
                    return false;
                }
                value = new SfItem(kind, bare, []);
            }
            else
            {
                value = new SfItem(SfKind.Boolean, true, []);
            }
            var existing = parameters.FindIndex(kv => kv.Key == key);
            if (existing >= 0)
            {
                parameters[existing] = new(key, value);
            }
            else
            {
                parameters.Add(new(key, value));
            }
        }
        return true;
    }

    private bool TryKey(out string key)
    {
        key = "";
        var start = _pos;
        var c = Peek();
        if (!(c is >= 'a' and <= 'z' || c == '*'))
        {
            return false;
        }
        _pos++;
        while (_pos < _input.Length && _input[_pos] is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' or '*')
        {
            _pos++;
        }
        key = _input[start.._pos].ToString();
        return true;
    }
}
