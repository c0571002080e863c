using System.Net;
using Baton.Server.Uploads.Expiry;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Uploads;

public sealed class UploadCorsAndExpiryTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Preflights_from_allowed_origins_are_answered_and_responses_expose_the_protocol_headers()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.CorsOrigins = ["https://app.example"]);
        var preflight = new HttpRequestMessage(HttpMethod.Options, "uploads");
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "tus-resumable, upload-length");

        using var answered = await server.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        Assert.Equal("https://app.example", Tus.Header(answered, "Access-Control-Allow-Origin"));
        Assert.Contains("PATCH", Tus.Header(answered, "Access-Control-Allow-Methods"));
        Assert.Equal("tus-resumable, upload-length", Tus.Header(answered, "Access-Control-Allow-Headers"));

        var create = Tus.Create(5);
        create.Headers.Add("Origin", "https://app.example");
        using var created = await server.Client.SendAsync(create);
        var exposed = Tus.Header(created, "Access-Control-Expose-Headers")!;
        Assert.Contains("Location", exposed);
        Assert.Contains("Upload-Offset", exposed);
        Assert.Contains("Upload-Complete", exposed);
        Assert.Contains("Baton-File-Url", exposed);
        Assert.Contains("Baton-Proof-Challenge", exposed); // issue 15: the page reads the challenge

        var foreign = Tus.Create(5);
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await server.Client.SendAsync(foreign);
        Assert.Null(Tus.Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task No_origin_is_allowed_by_default()
    {
        await using var server = await BatonTestServer.StartAsync();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "uploads");
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await server.Client.SendAsync(preflight);

        Assert.Null(Tus.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Expired_uploads_are_410_and_the_sweep_removes_their_data()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await BatonTestServer.StartAsync(
            o => o.Uploads.Expiration = TimeSpan.FromHours(1),
            s => s.AddSingleton<TimeProvider>(clock));
        var location = await Tus.CreateAsync(server.Client, 10);
        using (var patched = await server.Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray())))
        {
            Assert.Equal("Sun, 01 Mar 2026 13:00:00 GMT", Tus.Header(patched, "Upload-Expires"));
        }

        clock.Now += TimeSpan.FromMinutes(61);
        using var head = await server.Client.SendAsync(Tus.Head(location));
        var removed = await server.Services.GetRequiredService<UploadExpiryService>().SweepAsync(default);

        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        Assert.Equal(1, removed);
        Assert.All(server.StagedUploads(), f => Assert.EndsWith(".gone", f)); // only the tombstone that keeps answering 410
    }
}
