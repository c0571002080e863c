using System.Net.Sockets;
using Baton.Client.Requests;

namespace Baton.Client.Tests.Requests;

public sealed class RetryPolicyTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new HttpRequestException("reset"), true },
        { new IOException("broken pipe"), true },
        // The fault trials met a bare ENOTCONN when a proxy reset the retry's connection: a network failure, retried.
        { new SocketException((int)SocketError.NotConnected), true },
        { new SocketException((int)SocketError.ConnectionReset), true },
        { new DirectoryNotFoundException("no folder"), false },
        { new FileNotFoundException("no file"), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Network_failures_are_retried_and_local_ones_are_not(Exception failure, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(failure));
}
