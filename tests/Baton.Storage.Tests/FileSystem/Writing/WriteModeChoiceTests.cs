using Baton.Storage.FileSystem.Writing;

namespace Baton.Storage.Tests.FileSystem.Writing;

public sealed class WriteModeChoiceTests
{
    [Theory]
    [InlineData(Durability.Full, true, nameof(WriteMode.Direct))]
    [InlineData(Durability.Full, false, nameof(WriteMode.BufferedWriteback))]
    [InlineData(Durability.None, true, nameof(WriteMode.Buffered))] // never O_DIRECT without fsync: the page cache is the point
    [InlineData(Durability.None, false, nameof(WriteMode.Buffered))]
    public void Chooses_by_durability_then_the_setting(Durability durability, bool directWrites, string expected) =>
        Assert.Equal(expected, WriteModeChoice.Choose(durability, directWrites).ToString()); // (the enum is internal)
}
