using Baton.Protocol.Problems;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;

namespace Baton.Protocol.Tests.Uploads.Dialects;

/// <summary>The dialect table against the drafts, row by row, and the choice of a dialect from Upload-Draft-Interop-Version.</summary>
public sealed class RufhDialectsTests
{
    /// <summary>A dialect's answers, as a row of the table in docs/uploads.md.</summary>
    private sealed record Row(
        string Draft, int Completed, int IncompleteAppend, string LifetimeKey, bool RefusesStateFieldsOnHeadAndDelete,
        bool InactiveIsNotFound, CompleteFieldMeaning CompleteMeaning, LateAppendRule LateAppend, bool InconsistentLengthType,
        bool DeactivatesPastLength, bool LimitOn413, bool AnswersGet, bool OffsetMayExceedSent, bool CompletedUploadType);

    /// <summary>One row per interop version, written from the draft texts.</summary>
    private static readonly Dictionary<int, Row> Drafts = new()
    {
        [6] = new("draft-ietf-httpbis-resumable-upload-05", 201, 201, "expires", true, true, CompleteFieldMeaning.UploadState,
            LateAppendRule.RejectAsCompleted, false, false, false, false, false, true),
        [7] = new("draft-ietf-httpbis-resumable-upload-08", 200, 204, "max-age", false, false, CompleteFieldMeaning.ThisResponseIsFinal,
            LateAppendRule.RejectAsCompleted, true, true, false, false, false, true),
        [8] = new("draft-ietf-httpbis-resumable-upload-11", 200, 204, "max-age", false, false, CompleteFieldMeaning.ThisResponseIsFinal,
            LateAppendRule.RejectByContent, true, true, false, false, false, true),
        [9] = new("draft-ietf-httpbis-resumable-upload-12", 200, 204, "max-age", false, false, CompleteFieldMeaning.ThisResponseIsFinal,
            LateAppendRule.ReplayFinalResponse, true, true, true, true, true, false),
    };

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Each_version_answers_as_its_draft_says(int version)
    {
        var d = RufhDialects.Resolve(version.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

        Assert.Equal(version, d.InteropVersion);
        Assert.Equal("application/partial-upload", d.AppendMediaType);
        Assert.Equal(Drafts[version], new Row(d.Draft, d.CompletedStatus, d.IncompleteAppendStatus, d.LifetimeLimitKey,
            d.RejectsStateFieldsOnRetrievalAndCancellation, d.InactiveIsNotFound, d.CompleteMeaning, d.LateAppend,
            d.DefinesInconsistentLengthProblem, d.DeactivatesPastLength, d.LimitOnTooLarge, d.AnswersGet, d.OffsetMayExceedSent,
            d.DefinesCompletedUploadProblem));
    }

    [Fact]
    public void The_supported_versions_are_6_to_9_oldest_first()
    {
        Assert.Equal([6, 7, 8, 9], RufhDialects.Versions);
        Assert.Equal("6, 7, 8, 9", RufhDialects.VersionList);
        Assert.Equal(9, RufhDialects.Latest.InteropVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]   // tus-js-client ietf-draft-03
    [InlineData("10")]
    [InlineData("-6")]
    [InlineData("6.0")]
    [InlineData("\"6\"")]
    [InlineData("6, 7")]
    [InlineData("?1")]
    public void Anything_but_a_supported_sf_integer_names_no_dialect(string? field) => Assert.Null(RufhDialects.Resolve(field));

    [Theory]
    [InlineData("6", 6)]
    [InlineData(" 9 ", 9)] // RFC 9651 §4.2: leading and trailing spaces are discarded
    [InlineData("8;x=1", 8)] // parameters of an Item do not change its value
    public void A_supported_sf_integer_names_its_dialect(string field, int version) =>
        Assert.Equal(version, RufhDialects.Resolve(field)!.InteropVersion);

    [Theory]
    [InlineData(6, true, false, true)]  // draft-05: the field is the upload's state
    [InlineData(6, false, true, false)]
    [InlineData(7, true, false, false)] // later: whether this response is the final one
    [InlineData(9, true, false, false)]
    [InlineData(9, true, true, true)]
    [InlineData(9, false, false, false)]
    public void Upload_complete_in_a_response_means_what_the_draft_says(int version, bool uploadIsComplete, bool final, bool expected) =>
        Assert.Equal(expected, RufhDialects.All.Single(d => d.InteropVersion == version).CompleteField(uploadIsComplete, final));

    [Fact]
    public void Upload_limit_names_the_lifetime_as_the_draft_does_and_options_never_sends_it_empty()
    {
        var limit = new UploadLimit(MaxSize: 100, MaxAgeSeconds: 60);

        Assert.Equal("max-size=100, expires=60", RufhDialects.Draft05.LimitField(limit));
        Assert.Equal("max-size=100, max-age=60", RufhDialects.Draft12.LimitField(limit));
        Assert.Null(RufhDialects.Draft11.LimitField(new UploadLimit()));
        Assert.Equal("min-size=0", RufhDialects.Draft11.OptionsLimitField(new UploadLimit()));
        Assert.Equal("max-age=60", RufhDialects.Draft08.OptionsLimitField(new UploadLimit(MaxAgeSeconds: 60)));
    }

    [Fact]
    public void The_version_refusal_lists_the_supported_versions()
    {
        var refusal = ProtocolErrors.InteropVersionUnsupported;

        Assert.Equal(400, refusal.Status);
        Assert.Equal("urn:baton:problem:interop-version-unsupported", refusal.Type);
        Assert.Equal(new[] { 6, 7, 8, 9 }, refusal.Members!["supported-versions"]);
        Assert.Contains("6, 7, 8, 9", refusal.Detail);
    }
}
