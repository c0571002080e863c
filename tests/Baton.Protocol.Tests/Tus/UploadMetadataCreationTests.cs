using Baton.Protocol.Tus;

namespace Baton.Protocol.Tests.Tus;

/// <summary>The Upload-Metadata cases the creation endpoint relies on (tus §Upload-Metadata).</summary>
public sealed class UploadMetadataCreationTests
{
    [Theory]
    [InlineData("filename aGVsbG8=,filename d29ybGQ=")]
    [InlineData("filename ***")]
    [InlineData("file name aGVsbG8=")]
    [InlineData(",")]
    public void Rejects_duplicates_bad_base64_and_bad_pairs(string value) =>
        Assert.False(UploadMetadata.TryParse(value, out _, out var error) || error is null);

    [Fact]
    public void Accepts_empty_values_without_a_space()
    {
        Assert.True(UploadMetadata.TryParse("is_confidential,filename aGVsbG8=", out var metadata, out _));
        Assert.Equal("hello", metadata.GetString("filename"));
        Assert.Equal("", metadata.GetString("is_confidential"));
    }
}
