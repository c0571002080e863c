using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Validators;

/// <summary>The allocation-free list evaluation used by preconditions must agree with parse-then-compare (RFC 9110 §13.1.1, §13.1.2).</summary>
public class EntityTagListMatchesTests
{
    public static TheoryData<string> Fields => new()
    {
        "\"a\"", "W/\"a\"", "\"b\", \"a\"", "\"b\",W/\"a\"", "*", " \"a\" ", "\"b\"", ",\"a\",", "\"a\" \"b\"", "a", "", ",",
        "\"a\",\"", "W/\"b\", W/\"a\"",
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Matches_agrees_with_the_parsed_list(string field)
    {
        foreach (var current in new EntityTag?[] { EntityTag.Strong("a"), new EntityTag("\"a\"", true), null })
        {
            foreach (var strong in new[] { true, false })
            {
                var parsed = EntityTagList.TryParse(field, out var list);
                var expected = parsed && (list.IsAny
                    ? current is not null
                    : current is { } tag && (strong ? list.AnyStrong(tag) : list.AnyWeak(tag)));
                Assert.Equal(expected, EntityTagList.Matches(field, current, strong, out var valid));
                Assert.Equal(parsed, valid);
            }
        }
    }
}
