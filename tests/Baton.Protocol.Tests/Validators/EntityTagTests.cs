using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Validators;

/// <summary>RFC 9110 §8.8.3 entity-tag syntax and §8.8.3.2 comparison.</summary>
public sealed class EntityTagTests
{
    [Theory]
    [InlineData("\"xyzzy\"", "\"xyzzy\"", false)]           // §8.8.3 example
    [InlineData("W/\"xyzzy\"", "\"xyzzy\"", true)]          // §8.8.3 example, weak
    [InlineData("\"\"", "\"\"", false)]                     // opaque-tag = DQUOTE *etagc DQUOTE: empty is allowed
    [InlineData("W/\"\"", "\"\"", true)]
    [InlineData("\"!#~\"", "\"!#~\"", false)]               // etagc = %x21 / %x23-7E
    [InlineData("\"W/\"", "\"W/\"", false)]                 // W/ inside the quotes is opaque data, not weakness
    [InlineData("\"\u0080\u00ff\"", "\"\u0080\u00ff\"", false)] // obs-text %x80-FF
    [InlineData("  \"a\"\t", "\"a\"", false)]               // surrounding OWS is not part of the value
    public void Parses_valid_entity_tag(string value, string opaque, bool weak)
    {
        Assert.True(EntityTag.TryParse(value, out var tag), value);
        Assert.Equal(opaque, tag.Opaque);
        Assert.Equal(weak, tag.IsWeak);
        Assert.Equal(value.Trim(' ', '\t'), tag.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyzzy")]                  // not quoted
    [InlineData("\"xyzzy")]                // unterminated
    [InlineData("xyzzy\"")]
    [InlineData("\"")]
    [InlineData("w/\"xyzzy\"")]            // weak = %s"W/": case-sensitive
    [InlineData("W/xyzzy")]
    [InlineData("W/ \"xyzzy\"")]           // no whitespace between W/ and the opaque tag
    [InlineData("W/")]
    [InlineData("\"a b\"")]                // SP is not etagc
    [InlineData("\"a\tb\"")]
    [InlineData("\"a\u007fb\"")]           // DEL is not etagc
    [InlineData("\"a\u0100b\"")]           // beyond obs-text
    [InlineData("\"a\"\"b\"")]             // trailing characters after the closing quote
    [InlineData("\"a\", \"b\"")]           // a list is not one tag
    [InlineData("*")]
    public void Rejects_invalid_entity_tag(string value)
    {
        Assert.False(EntityTag.TryParse(value, out _), value);
    }

    // §8.8.3.2: the comparison table, verbatim
    [Theory]
    [InlineData("W/\"1\"", "W/\"1\"", false, true)]
    [InlineData("W/\"1\"", "W/\"2\"", false, false)]
    [InlineData("W/\"1\"", "\"1\"", false, true)]
    [InlineData("\"1\"", "\"1\"", true, true)]
    // and the remaining symmetric / differing combinations
    [InlineData("\"1\"", "W/\"1\"", false, true)]
    [InlineData("\"1\"", "\"2\"", false, false)]
    [InlineData("\"1\"", "W/\"2\"", false, false)]
    [InlineData("\"a\"", "\"A\"", false, false)]  // opaque-tags compare character by character
    public void Compares_as_in_the_rfc_table(string first, string second, bool strong, bool weak)
    {
        Assert.True(EntityTag.TryParse(first, out var a));
        Assert.True(EntityTag.TryParse(second, out var b));
        Assert.Equal(strong, a.StrongEquals(b));
        Assert.Equal(strong, b.StrongEquals(a));
        Assert.Equal(weak, a.WeakEquals(b));
        Assert.Equal(weak, b.WeakEquals(a));
    }

    [Fact]
    public void Strong_builds_a_quoted_strong_tag()
    {
        var tag = EntityTag.Strong("abc-123");
        Assert.Equal("\"abc-123\"", tag.ToString());
        Assert.False(tag.IsWeak);
        Assert.True(EntityTag.TryParse(tag.ToString(), out var parsed));
        Assert.True(parsed.StrongEquals(tag));
    }
}
