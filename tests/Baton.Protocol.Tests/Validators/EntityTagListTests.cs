using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Validators;

/// <summary>If-Match / If-None-Match values: RFC 9110 §13.1.1–13.1.2 (<c>"*" / #entity-tag</c>) with §5.6.1 list rules.</summary>
public sealed class EntityTagListTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("  *\t")]
    public void Star_means_any(string value)
    {
        Assert.True(EntityTagList.TryParse(value, out var list));
        Assert.True(list.IsAny);
        Assert.Empty(list.Tags);
    }

    [Theory]
    [InlineData("\"xyzzy\"", "\"xyzzy\"")]                                         // §13.1.1 example
    [InlineData("\"xyzzy\", \"r2d2xxxx\", \"c3piozzzz\"", "\"xyzzy\"|\"r2d2xxxx\"|\"c3piozzzz\"")] // §13.1.1 example
    [InlineData("W/\"xyzzy\", W/\"r2d2xxxx\"", "W/\"xyzzy\"|W/\"r2d2xxxx\"")]      // §13.1.2 example
    [InlineData("\"a\",\"b\"", "\"a\"|\"b\"")]                                     // no OWS
    [InlineData("\"a\" ,\t\"b\"", "\"a\"|\"b\"")]                                  // OWS on both sides of the comma
    [InlineData(", \"a\"", "\"a\"")]                                               // §5.6.1: empty elements are ignored
    [InlineData("\"a\",", "\"a\"")]
    [InlineData("\"a\",,, \"b\" , ,", "\"a\"|\"b\"")]
    [InlineData("\"a,b\"", "\"a,b\"")]                                             // a comma inside the quotes is opaque data
    [InlineData("\"*\"", "\"*\"")]                                                 // a quoted star is an ordinary tag
    public void Parses_entity_tags_in_order(string value, string expected)
    {
        Assert.True(EntityTagList.TryParse(value, out var list), value);
        Assert.False(list.IsAny);
        Assert.Equal(expected, string.Join('|', list.Tags.Select(t => t.ToString())));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]                 // nothing but empty elements: no tag to compare (reported as invalid)
    [InlineData(" , ,")]
    [InlineData("*, \"a\"")]          // "*" is the whole field or nothing
    [InlineData("\"a\", *")]
    [InlineData("\"a\" \"b\"")]       // missing comma
    [InlineData("\"a\"; \"b\"")]
    [InlineData("a, \"b\"")]          // unquoted member
    [InlineData("\"a\", b")]
    [InlineData("\"a")]
    [InlineData("w/\"a\"")]
    [InlineData("\"a b\"")]
    public void Rejects_invalid_list(string value)
    {
        Assert.False(EntityTagList.TryParse(value, out _), value);
    }

    [Theory]
    // If-Match (§13.1.1) uses the strong comparison, If-None-Match (§13.1.2) the weak one.
    [InlineData("\"1\", \"2\"", "\"2\"", true, true)]
    [InlineData("\"1\", \"2\"", "\"3\"", false, false)]
    [InlineData("W/\"1\"", "\"1\"", false, true)]
    [InlineData("\"1\"", "W/\"1\"", false, true)]
    [InlineData("W/\"1\", \"2\"", "W/\"2\"", false, true)]
    [InlineData("W/\"1\", \"1\"", "\"1\"", true, true)]
    public void Matches_current_tag_strongly_and_weakly(string value, string current, bool anyStrong, bool anyWeak)
    {
        Assert.True(EntityTagList.TryParse(value, out var list));
        Assert.True(EntityTag.TryParse(current, out var tag));
        Assert.Equal(anyStrong, list.AnyStrong(tag));
        Assert.Equal(anyWeak, list.AnyWeak(tag));
    }
}
