using Baton.Protocol.Paths;

namespace Baton.Protocol.Tests.Paths;

public sealed class CallerScopeTests
{
    private static RelativePath P(string value) =>
        RelativePath.TryParse(value, allowHidden: false, out var path) == PathCheck.Valid ? path : throw new ArgumentException(value);

    private static CallerScope Scope(string value) => CallerScope.TryParse(value, out var scope) ? scope! : throw new ArgumentException(value);

    [Theory]
    [InlineData("home/alice", "", "home/alice")]
    [InlineData("home/alice", "x.txt", "home/alice/x.txt")]
    [InlineData("/home/alice/", "a/b", "home/alice/a/b")]
    public void Caller_paths_are_taken_below_the_scope(string scope, string caller, string root) =>
        Assert.Equal(root, Scope(scope).ToRoot(P(caller)).ToString());

    [Theory]
    [InlineData("home/alice", "home/alice", "")]
    [InlineData("home/alice", "home/alice/x.txt", "x.txt")]
    [InlineData("home/alice", "home/alicex/x.txt", null)]  // a sibling that shares the prefix is outside
    [InlineData("home/alice", "home/bob/x.txt", null)]
    [InlineData("home/alice", "home", null)]
    [InlineData("home/alice", "", null)]
    [InlineData("home/alice", "Home/Alice/x", null)]       // names compare exactly, as the file source does
    public void Root_paths_are_shown_only_inside_the_scope(string scope, string root, string? caller) =>
        Assert.Equal(caller, Scope(scope).FromRoot(P(root))?.ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    public void No_folder_is_no_scope(string? value)
    {
        Assert.True(CallerScope.TryParse(value, out var scope));
        Assert.Null(scope);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("home/../etc")]
    [InlineData(".baton")]
    [InlineData("home/.hidden")]
    [InlineData("a//b")]
    [InlineData("a\u0000b")]
    public void A_scope_that_is_not_a_plain_folder_is_refused(string value) => Assert.False(CallerScope.TryParse(value, out _));
}
