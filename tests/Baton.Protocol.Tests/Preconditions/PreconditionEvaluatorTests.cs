using Baton.Protocol.Preconditions;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Preconditions;

/// <summary>RFC 9110 §13.1 (each condition) and §13.2.2 (evaluation order).</summary>
public class PreconditionEvaluatorTests
{
    private const string Tag = "\"v1\"";
    private const string Lm = "Tue, 24 Nov 2026 10:00:00 GMT";
    private const string Before = "Tue, 24 Nov 2026 09:59:59 GMT";
    private const string After = "Tue, 24 Nov 2026 10:00:01 GMT";

    private static readonly RepresentationValidators Current = new(
        EntityTag.Strong("v1"),
        new DateTimeOffset(2026, 11, 24, 10, 0, 0, 500, TimeSpan.Zero)); // sub-second part must be ignored (§5.6.7)

    private static string Eval(string method, string? ifMatch = null, string? ifNoneMatch = null, string? ims = null,
        string? ius = null, string? ifRange = null, bool hasRange = false)
    {
        var result = PreconditionEvaluator.Evaluate(method, new ConditionalHeaders(ifMatch, ifNoneMatch, ims, ius, ifRange), Current, hasRange);
        return result.Outcome switch
        {
            PreconditionOutcome.Proceed => result.RangeApplies ? "range" : "full",
            PreconditionOutcome.NotModified => "304",
            _ => "412",
        };
    }

    [Theory]
    // §13.1.1 If-Match: strong comparison; "*" true when a representation exists; false → 412
    [InlineData(Tag, "full")]
    [InlineData("\"x\", " + Tag, "full")]
    [InlineData("*", "full")]
    [InlineData("\"x\"", "412")]
    [InlineData("W/" + Tag, "412")] // a weak tag never matches strongly
    [InlineData("garbage", "412")]
    public void If_match(string value, string expected) => Assert.Equal(expected, Eval("GET", ifMatch: value));

    [Theory]
    // §13.1.4 If-Unmodified-Since: true when Last-Modified ≤ date; invalid dates ignored
    [InlineData(Lm, "full")]
    [InlineData(After, "full")]
    [InlineData(Before, "412")]
    [InlineData("not a date", "full")]
    public void If_unmodified_since(string value, string expected) => Assert.Equal(expected, Eval("GET", ius: value));

    [Fact] // §13.2.2 step 2: If-Unmodified-Since is only evaluated when If-Match is absent
    public void If_unmodified_since_is_ignored_when_if_match_is_present() => Assert.Equal("full", Eval("GET", ifMatch: Tag, ius: Before));

    [Theory]
    // §13.1.2 If-None-Match: weak comparison; false → 304 for GET/HEAD, 412 otherwise
    [InlineData("GET", Tag, "304")]
    [InlineData("HEAD", Tag, "304")]
    [InlineData("GET", "W/" + Tag, "304")]
    [InlineData("GET", "*", "304")]
    [InlineData("GET", "\"other\"", "full")]
    [InlineData("DELETE", Tag, "412")]
    [InlineData("DELETE", "*", "412")]
    public void If_none_match(string method, string value, string expected) => Assert.Equal(expected, Eval(method, ifNoneMatch: value));

    [Theory]
    // §13.1.3 If-Modified-Since: false (→ 304) when Last-Modified ≤ date; only GET/HEAD; invalid dates ignored
    [InlineData("GET", Lm, "304")]
    [InlineData("GET", After, "304")]
    [InlineData("GET", Before, "full")]
    [InlineData("HEAD", Lm, "304")]
    [InlineData("DELETE", Lm, "full")]
    [InlineData("GET", "yesterday", "full")]
    [InlineData("GET", "Tue, 24 Nov 2026 10:00:00 GMT, Tue, 24 Nov 2026 10:00:00 GMT", "full")] // more than one member: ignore
    public void If_modified_since(string method, string value, string expected) => Assert.Equal(expected, Eval(method, ims: value));

    [Fact] // §13.2.2 step 4: If-Modified-Since only when If-None-Match is absent
    public void If_modified_since_is_ignored_when_if_none_match_is_present() =>
        Assert.Equal("full", Eval("GET", ifNoneMatch: "\"other\"", ims: Lm));

    [Fact] // §13.2.2: If-Match failing wins over If-None-Match matching (step 1 before step 3)
    public void Order_if_match_before_if_none_match() => Assert.Equal("412", Eval("GET", ifMatch: "\"x\"", ifNoneMatch: Tag));

    [Fact] // §13.2.2: a 412 from step 2 wins over a 304 from step 4
    public void Order_if_unmodified_since_before_if_modified_since() => Assert.Equal("412", Eval("GET", ius: Before, ims: Lm));

    [Fact] // §13.2.2: 304 is decided before If-Range is looked at
    public void Order_not_modified_before_if_range() => Assert.Equal("304", Eval("GET", ifNoneMatch: Tag, ifRange: "\"x\"", hasRange: true));

    [Theory]
    // §13.1.5 If-Range: entity-tag must match strongly; a date must equal Last-Modified exactly; false → ignore Range (200)
    [InlineData(Tag, "range")]
    [InlineData("\"v2\"", "full")]
    [InlineData("W/" + Tag, "full")]
    [InlineData(Lm, "range")]
    [InlineData(After, "full")] // later date is not an exact match
    [InlineData(Before, "full")]
    [InlineData("garbage", "full")]
    public void If_range(string value, string expected) => Assert.Equal(expected, Eval("GET", ifRange: value, hasRange: true));

    [Fact] // §14.2: Range (and so If-Range) applies to GET only
    public void Range_does_not_apply_to_head() => Assert.Equal("full", Eval("HEAD", hasRange: true));

    [Fact] // §13.1.5: If-Range without Range is ignored
    public void If_range_without_range_is_ignored() => Assert.Equal("full", Eval("GET", ifRange: "\"v2\""));

    [Fact] // §9.1: methods are case-sensitive; "get" is not GET
    public void Methods_are_case_sensitive() => Assert.Equal("full", Eval("get", ifNoneMatch: "\"other\"", hasRange: true));

    [Fact] // §8.8.2.2: a date validates If-Range only while the representation's validators are strong
    public void If_range_date_fails_when_validators_are_weak()
    {
        var fresh = new RepresentationValidators(new EntityTag("\"v1\"", IsWeak: true), Current.LastModified);
        var result = PreconditionEvaluator.Evaluate("GET", new ConditionalHeaders(IfRange: Lm), fresh, hasRange: true);
        Assert.False(result.RangeApplies);
    }
}
