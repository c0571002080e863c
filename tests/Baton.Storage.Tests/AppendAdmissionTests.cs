namespace Baton.Storage.Tests;

public sealed class AppendAdmissionTests
{
    private static UploadInfo Upload(long offset, UploadKind kind = UploadKind.Regular, string? owner = null, long? length = 10) =>
        new() { Id = "u", Offset = offset, Kind = kind, Owner = owner, Length = length };

    [Fact]
    public void Refusals_come_before_any_byte_and_name_the_upload_when_there_is_one()
    {
        Assert.Equal(AppendOutcome.Gone, AppendAdmission.Refusal(UploadLookup.Gone, 0)!.Outcome);
        Assert.Equal(AppendOutcome.NotFound, AppendAdmission.Refusal(UploadLookup.NotFound, 0)!.Outcome);
        var final = AppendAdmission.Refusal(new UploadLookup(UploadPresence.Found, Upload(0, UploadKind.Final)), 0)!;
        Assert.Equal((AppendOutcome.FinalUpload, "u"), (final.Outcome, final.Info!.Id));
        var stale = AppendAdmission.Refusal(new UploadLookup(UploadPresence.Found, Upload(5)), 3)!;
        Assert.Equal((AppendOutcome.OffsetMismatch, 5L), (stale.Outcome, stale.Info!.Offset));
        Assert.Null(AppendAdmission.Refusal(new UploadLookup(UploadPresence.Found, Upload(5)), 5));
        Assert.Null(AppendAdmission.Refusal(new UploadLookup(UploadPresence.Found, Upload(0, UploadKind.Partial)), 0));
    }

    [Fact]
    public void A_final_joins_only_its_owners_partials_and_sums_their_lengths()
    {
        Assert.True(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3), Upload(0, UploadKind.Partial, "a", 4)], "a", null, out var sum));
        Assert.Equal(7, sum);
        Assert.True(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3), Upload(0, UploadKind.Partial, "a", null)], "a", null, out var unknown));
        Assert.Null(unknown); // a deferred partial length leaves the final's length unknown
        Assert.False(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3), Upload(0, UploadKind.Partial, "b", 4)], "a", null, out _));
        Assert.False(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3), null], "a", null, out _));
        Assert.False(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Regular, "a", 3)], "a", null, out _));
        // The same owner name in another folder (a JWT subject equal to a token's name): not its partial.
        Assert.False(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3) with { Scope = "home/b" }], "a", "home/a", out _));
        Assert.True(FinalUploadPlan.TryPlan([Upload(0, UploadKind.Partial, "a", 3) with { Scope = "home/a" }], "a", "home/a", out _));
    }
}
