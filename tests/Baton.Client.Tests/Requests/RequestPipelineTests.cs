using System.Diagnostics;
using Baton.Client.Requests;
using Baton.Client.Transfers;
using Baton.Testing;
using Microsoft.AspNetCore.Http;

namespace Baton.Client.Tests.Requests;

/// <summary>The request pipeline's redirect, credential and connection-refused rules, over real sockets on 127.0.0.1.</summary>
public sealed class RequestPipelineTests
{
    private const string Token = "t0k3n";

    [Fact]
    public async Task Same_origin_redirects_keep_the_token_and_cross_origin_hops_drop_it_then_it_returns_for_a_granted_origin()
    {
        await using var other = await HeaderRecordingServer.StartAsync(context =>
        {
            context.Response.Redirect(context.Request.Path == "/bounce" ? "http://" + context.Request.Query["back"] + "/end" : "/x");
            return Task.CompletedTask;
        });
        HeaderRecordingServer? self = null;
        await using var origin = self = await HeaderRecordingServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.Redirect("/hop");
            }
            else if (context.Request.Path == "/hop")
            {
                context.Response.Redirect(other.Url("bounce").AbsoluteUri + "?back=" + self!.BaseAddress.Authority);
            }
            return Task.CompletedTask;
        });
        using var http = RequestPipeline.CreateClient(new OriginCredentials(Token, [origin.BaseAddress]));

        using var response = await http.GetAsync(origin.Url("start"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(origin.Url("end"), response.RequestMessage!.RequestUri);
        Assert.Equal(["/start", "/hop", "/end"], origin.Requests.Select(r => r.Path));
        Assert.All(origin.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.All(other.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task A_303_after_POST_becomes_a_GET_without_a_body()
    {
        await using var server = await HeaderRecordingServer.StartAsync(context =>
        {
            if (context.Request.Path == "/post")
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = "/result";
            }
            return Task.CompletedTask;
        });
        using var http = RequestPipeline.CreateClient();

        using var response = await http.PostAsync(server.Url("post"), new StringContent("x"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([("POST", "/post"), ("GET", "/result")], server.Requests.Select(r => (r.Method, r.Path)));
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_the_limit_and_returns_the_redirect()
    {
        await using var server = await HeaderRecordingServer.StartAsync(context =>
        {
            context.Response.Redirect("/loop");
            return Task.CompletedTask;
        });
        using var http = RequestPipeline.CreateClient();

        using var response = await http.GetAsync(server.Url("loop"));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal(RequestPipeline.MaxRedirects + 1, server.Requests.Count);
    }

    [Fact]
    public async Task Connection_refused_by_a_host_that_never_answered_fails_fast_as_a_network_failure()
    {
        using var refusing = new RefusingPort();
        var port = refusing.Port;
        using var http = RequestPipeline.CreateClient();
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TransferException>(() => RetryPolicy.RunAsync(
            RetryPolicy.Create(5, TimeSpan.FromSeconds(1), TimeProvider.System), t => http.GetAsync($"http://127.0.0.1:{port}/x", t),
            new Uri($"http://127.0.0.1:{port}/x"), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(TransferFailure.Network, e.Failure);
        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public async Task Connection_refused_after_the_host_answered_once_is_retried()
    {
        var server = await HeaderRecordingServer.StartAsync(_ => Task.CompletedTask);
        var url = server.Url("x");
        using var http = RequestPipeline.CreateClient();
        (await http.GetAsync(url)).Dispose();
        await server.DisposeAsync();
        var retries = new List<string>();

        var e = await Assert.ThrowsAsync<TransferException>(() => RetryPolicy.RunAsync(
            RetryPolicy.Create(2, TimeSpan.FromMilliseconds(10), TimeProvider.System, retries.Add), t => http.GetAsync(url, t), url,
            CancellationToken.None));

        Assert.Equal(2, retries.Count);
        Assert.Contains("giving up after retries", e.Message);
    }
}
