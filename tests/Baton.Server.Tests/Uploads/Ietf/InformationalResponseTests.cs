using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Baton.Testing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>
/// 104 (Upload Resumption Supported) is not sent, because the framework cannot send it (docs/uploads.md): what goes on the
/// wire is exactly one final response (after 100 Continue when asked for), and the framework still has no public API for
/// informational responses — the second test fails once it has one, which is when Baton should start sending 104.
/// </summary>
public sealed class InformationalResponseTests
{
    [Fact]
    public async Task A_creation_gets_100_continue_when_asked_and_then_only_its_final_response()
    {
        await using var server = await BatonTestServer.StartAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /uploads HTTP/1.1\r\nHost: x\r\nConnection: close\r\nUpload-Draft-Interop-Version: 9\r\nUpload-Complete: ?0\r\n"
            + "Upload-Length: 10\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
        var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal("HTTP/1.1 100 Continue", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());
        await stream.WriteAsync("abcd"u8.ToArray());

        var rest = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 201 Created\r\n", rest);
        Assert.DoesNotContain("HTTP/1.1 1", rest);
        Assert.Contains("Upload-Offset: 4\r\n", rest);
    }

    [Fact]
    public void The_framework_still_has_no_public_api_for_informational_responses()
    {
        // dotnet/aspnetcore#27851 (open): Kestrel writes 100 Continue itself (internal Http1OutputProducer.Write100ContinueAsync)
        // and offers applications nothing else below 200 — no feature interface, no HttpResponse member.
        var assemblies = new[] { typeof(KestrelServer).Assembly, typeof(IHttpResponseFeature).Assembly, typeof(Microsoft.AspNetCore.Http.HttpResponse).Assembly };
        var offered = assemblies.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(m => t.FullName + "." + m.Name).Append(t.FullName!))
            .Where(name => name.Contains("Informational", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Interim", StringComparison.OrdinalIgnoreCase)
                || name.Contains("EarlyHint", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(offered.Count == 0, "ASP.NET Core now offers informational responses — send 104 for IETF uploads: " + string.Join(", ", offered));
    }
}
