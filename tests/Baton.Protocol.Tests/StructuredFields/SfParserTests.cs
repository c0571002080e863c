using System.Text;
using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Tests.StructuredFields;

/// <summary>
/// RFC 9651 (Structured Field Values) parsing, §4.2. Cases named "sft:" come from httpwg/structured-field-tests;
/// the expected text is the canonical serialisation (§4.1) of what must be parsed.
/// </summary>
public sealed class SfParserTests
{
    [Theory]
    // §3.3.1 / §4.2.4 integers: up to 15 digits, optional minus, leading zeros allowed
    [InlineData("42", "42")]                                   // sft: basic integer
    [InlineData("0", "0")]                                     // sft: zero integer
    [InlineData("-42", "-42")]                                 // sft: negative integer
    [InlineData("-0", "0")]                                    // sft: negative zero
    [InlineData("042", "42")]                                  // sft: leading 0 integer
    [InlineData("-042", "-42")]                                // sft: leading 0 negative integer
    [InlineData("999999999999999", "999999999999999")]         // sft: long integer (15 digits, the maximum)
    [InlineData("-999999999999999", "-999999999999999")]       // sft: long negative integer
    // §3.3.2 / §4.2.4 decimals: at most 12 integer and 3 fractional digits
    [InlineData("1.5", "1.5")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("1.50", "1.5")]                                // trailing zeros are not significant
    [InlineData("0.0", "0.0")]
    [InlineData("01.5", "1.5")]                                // sft: decimal with leading 0
    [InlineData("123456789012.123", "123456789012.123")]       // sft: long decimal (12.3)
    [InlineData("-123456789012.123", "-123456789012.123")]
    // §3.3.3 / §4.2.5 strings: printable ASCII, only \" and \\ escapes
    [InlineData("\"foo bar\"", "\"foo bar\"")]                 // sft: basic string
    [InlineData("\"\"", "\"\"")]                               // sft: empty string
    [InlineData("\"a\\\"b\"", "\"a\\\"b\"")]                   // sft: escaped double quote
    [InlineData("\"a\\\\b\"", "\"a\\\\b\"")]                   // sft: escaped backslash
    [InlineData("\" ~!#$%&'()*+,-./:;<=>?@[]^_`{|}\"", "\" ~!#$%&'()*+,-./:;<=>?@[]^_`{|}\"")] // all printable
    // §3.3.4 / §4.2.6 tokens: ALPHA or "*" first, then tchar / ":" / "/"
    [InlineData("foo123/456", "foo123/456")]                   // sft: basic token
    [InlineData("*foo", "*foo")]                               // sft: token starting with asterisk
    [InlineData("FooBar", "FooBar")]                           // sft: token with capitals
    [InlineData("a:b/c!#$%&'*+-.^_`|~", "a:b/c!#$%&'*+-.^_`|~")]
    // §3.3.5 / §4.2.7 byte sequences
    [InlineData(":aGVsbG8=:", ":aGVsbG8=:")]                   // sft: basic binary
    [InlineData("::", "::")]                                   // sft: empty binary
    [InlineData(":/+Ah:", ":/+Ah:")]                           // sft: non-ASCII binary
    // §3.3.6 / §4.2.8 booleans
    [InlineData("?1", "?1")]                                   // sft: basic true boolean
    [InlineData("?0", "?0")]                                   // sft: basic false boolean
    // §3.1.2 / §4.2.3.2 parameters: bare key = true, duplicate key = last value in first position
    [InlineData("1;a=2;b", "1;a=2;b")]
    [InlineData("abc;a=1;b=2;a=3", "abc;a=3;b=2")]             // sft: duplicate parameter
    [InlineData("1; a=2", "1;a=2")]                            // sft: parameter with leading SP
    [InlineData("1;a=?0;b=\"x\";c=:AQ==:;d=t;e=1.5", "1;a=?0;b=\"x\";c=:AQ==:;d=t;e=1.5")]
    [InlineData("1;*k.0_-=1", "1;*k.0_-=1")]                   // key charset lcalpha / DIGIT / _ - . *
    // §4.2: leading and trailing SP are discarded
    [InlineData("  42  ", "42")]
    public void Item_parses_to_exact_value(string field, string expected)
    {
        Assert.True(SfParser.TryParseItem(field, out var item), field);
        Assert.Equal(expected, SfSerialization.Member(item));
    }

    [Theory]
    [InlineData("")]                                  // §4.2: an empty item field fails
    [InlineData("   ")]
    [InlineData("1000000000000000")]                  // sft: too long integer (16 digits)
    [InlineData("-1000000000000000")]                 // sft: too long negative integer
    [InlineData("0000000000000042")]                  // §4.2.4: the 15-character limit counts leading zeros too
    [InlineData("+1")]                                // no plus sign in sf-integer
    [InlineData("--1")]                               // sft: double negative
    [InlineData("-")]                                 // sft: negative with no digits
    [InlineData("- 1")]                               // sft: negative with space
    [InlineData("1a")]                                // trailing garbage after a number
    [InlineData("1.")]                                // sft: decimal with trailing dot
    [InlineData(".5")]                                // sft: decimal with no integer part
    [InlineData("-.5")]                               // §4.2.4: a DIGIT must follow the minus sign
    [InlineData("-a")]
    [InlineData("1.1234")]                            // sft: too many fractional digits
    [InlineData("1234567890123.1")]                   // sft: too many integer digits (13)
    [InlineData("1.2.3")]                             // sft: double decimal point
    [InlineData("1,5")]                               // a comma is not a decimal point
    [InlineData("\"abc")]                             // sft: unterminated string
    [InlineData("\"a\\nb\"")]                         // sft: bad escape (only \" and \\ allowed)
    [InlineData("\"a\\\"")]                           // sft: escaped closing quote leaves the string open
    [InlineData("\"a\tb\"")]                          // sft: string with tab (control)
    [InlineData("\"a\u007fb\"")]                      // DEL is not VCHAR
    [InlineData("\"\u00e9\"")]                        // sft: non-ASCII string
    [InlineData("1abc;")]
    [InlineData("a,b")]                               // a list is not an item
    [InlineData("_foo")]                              // sft: token cannot start with "_"
    [InlineData("#foo")]
    [InlineData(":aGVsbG8=")]                         // sft: bad end delimiter
    [InlineData(":aGVsbG!8=:")]                       // sft: extra chars
    [InlineData(":aGVsbG8=!:")]                       // sft: suffix chars
    [InlineData(":_-Ah:")]                            // sft: base64url binary
    [InlineData(":aGVsb G8=:")]                       // sft: extra whitespace inside binary
    [InlineData(":aGVs\tbG8=:")]
    [InlineData("?2")]                                // sft: unknown boolean
    [InlineData("?")]
    [InlineData("?true")]                             // sft: unknown boolean
    [InlineData("?01")]
    [InlineData("1;A=2")]                             // key must start lowercase or "*"
    [InlineData("1;=2")]
    [InlineData("1;a=(1 2)")]                         // a parameter value is a bare item, never an inner list
    [InlineData("1;a=")]
    [InlineData("1 ;a=2")]                            // no space allowed before ";"
    [InlineData("\t1")]                               // §4.2: only SP is discarded around the field, not HTAB
    public void Item_rejects_invalid_field(string field)
    {
        Assert.False(SfParser.TryParseItem(field, out _), field);
    }

    [Fact]
    public void Item_null_field_is_not_parsed()
    {
        Assert.False(SfParser.TryParseItem(null, out _));
    }

    [Theory]
    [InlineData("42", SfKind.Integer)]
    [InlineData("4.2", SfKind.Decimal)]
    [InlineData("\"s\"", SfKind.String)]
    [InlineData("t", SfKind.Token)]
    [InlineData(":AQ==:", SfKind.ByteSequence)]
    [InlineData("?1", SfKind.Boolean)]
    public void Item_kind_matches_the_syntax(string field, SfKind kind)
    {
        Assert.True(SfParser.TryParseItem(field, out var item));
        Assert.Equal(kind, item.Kind);
    }

    [Fact]
    public void Typed_accessors_return_the_exact_values()
    {
        Assert.True(SfParser.TryParseItem("-999999999999999", out var integer));
        Assert.Equal(-999_999_999_999_999L, integer.AsInteger);
        Assert.True(SfParser.TryParseItem("-12.345", out var dec));
        Assert.Equal(-12.345m, (decimal)dec.Value);
        Assert.True(SfParser.TryParseItem(":aGVsbG8=:", out var bytes));
        Assert.Equal(Encoding.ASCII.GetBytes("hello"), bytes.AsBytes);
        Assert.True(SfParser.TryParseItem("?0", out var boolean));
        Assert.False(boolean.AsBoolean);
        Assert.Throws<InvalidOperationException>(() => boolean.AsInteger);
    }

    [Theory]
    [InlineData("", "")]                                      // sft: empty list (§4.2.1)
    [InlineData("1, 42", "1, 42")]                            // sft: basic list
    [InlineData("1,42", "1, 42")]                             // sft: no whitespace list
    [InlineData("1 ,\t42", "1, 42")]                          // OWS around the comma (§4.2.1)
    [InlineData("  a, b  ", "a, b")]                          // leading and trailing SP
    [InlineData("1;a=1, 2;b", "1;a=1, 2;b")]                  // sft: parameterised list
    [InlineData("(1 2), (a b)", "(1 2), (a b)")]              // sft: basic list of lists
    [InlineData("()", "()")]                                  // sft: empty inner list
    [InlineData("( 1  2 )", "(1 2)")]                         // §4.2.1.2: SP inside the parentheses
    [InlineData("(\"a\";x=1 b);y=?0, c", "(\"a\";x=1 b);y=?0, c")] // parameters on members and on the inner list
    [InlineData("(1);a, ();b=2", "(1);a, ();b=2")]
    public void List_parses_to_exact_members(string field, string expected)
    {
        Assert.True(SfParser.TryParseList(field, out var list), field);
        Assert.Equal(expected, SfSerialization.List(list));
    }

    [Theory]
    [InlineData("1,")]                                // sft: trailing comma list
    [InlineData("1, ")]
    [InlineData(",1")]                                // sft: leading comma list
    [InlineData("1,,2")]                              // sft: empty list member
    [InlineData("1 2")]                               // sft: no comma between members
    [InlineData("1;")]
    [InlineData("(1 2")]                              // sft: unterminated inner list
    [InlineData("(1,2)")]                             // sft: commas in inner list
    [InlineData("(1)(2)")]
    [InlineData("(1 (2))")]                           // inner lists do not nest
    [InlineData("(1\t2)")]                            // §4.2.1.2: only SP separates inner-list members
    [InlineData("(1  2")]
    [InlineData("(1)a")]
    [InlineData("1, \"a")]
    [InlineData("1, a=1")]                            // "=" is not a list member
    [InlineData("\t1")]                               // HTAB is not a leading SP
    public void List_rejects_invalid_field(string field)
    {
        Assert.False(SfParser.TryParseList(field, out _), field);
    }

    [Theory]
    [InlineData("", "")]                                      // sft: empty dictionary
    [InlineData("en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:", "en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:")] // sft: basic dictionary
    [InlineData("a=1,b=2", "a=1, b=2")]                       // sft: no whitespace dictionary
    [InlineData("a=1 ,\tb=2", "a=1, b=2")]                    // OWS around the comma
    [InlineData("a,b=?0,c", "a, b=?0, c")]                    // sft: missing value dictionary: bare key = ?1
    [InlineData("a=?1", "a")]                                 // a true value serialises as the bare key
    [InlineData("a;x=1;y, b=2", "a;x=1;y, b=2")]              // bare key with parameters
    [InlineData("a=1;x=2, b=(1 2);y", "a=1;x=2, b=(1 2);y")] // sft: parameterised dictionary, inner list value
    [InlineData("a=1,b=2,a=3", "a=3, b=2")]                   // sft: duplicate key: last value, first position (§4.2.2)
    [InlineData("a=1,a,b=2", "a, b=2")]                       // a later bare key overwrites too
    [InlineData("*a=1, a1_-.*=2", "*a=1, a1_-.*=2")]          // key charset
    public void Dictionary_parses_to_exact_members(string field, string expected)
    {
        Assert.True(SfParser.TryParseDictionary(field, out var dictionary), field);
        Assert.Equal(expected, SfSerialization.Dictionary(dictionary));
    }

    [Theory]
    [InlineData("a=1,")]                              // sft: trailing comma dictionary
    [InlineData(",a=1")]
    [InlineData("a=1,,b=2")]                          // sft: empty item in dictionary
    [InlineData("a=1, ,b=2")]
    [InlineData("a=1 b=2")]                           // sft: missing comma
    [InlineData("A=1")]                               // sft: uppercase key
    [InlineData("1=1")]                               // sft: key starting with a digit
    [InlineData("-a=1")]
    [InlineData("_a=1")]
    [InlineData("a=")]
    [InlineData("a==1")]
    [InlineData("a =1")]                              // sft: whitespace before =
    [InlineData("a= 1")]                              // sft: whitespace after =
    [InlineData("a=1;")]
    [InlineData("a=(1 2")]
    [InlineData("a=1, b=\"x")]
    [InlineData("é=1")]
    public void Dictionary_rejects_invalid_field(string field)
    {
        Assert.False(SfParser.TryParseDictionary(field, out _), field);
    }

    [Fact]
    public void Null_list_and_dictionary_fields_are_not_parsed()
    {
        Assert.False(SfParser.TryParseList(null, out _));
        Assert.False(SfParser.TryParseDictionary(null, out _));
    }
}
