using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Baton.Bench.Load;

/// <summary>
/// Physical limits of this machine that every upload figure should be read against (the disk's durable rate is measured with
/// dd as a contender of the case itself): how fast one TCP connection copies bytes over loopback, and how fast one core
/// computes SHA-256 (the same OpenSSL the server uses for every upload's digest). Medians of three runs.
/// </summary>
public static class MachineLimits
{
    private const int Piece = 1 << 20;

    public static async Task<string> DescribeAsync(long bytes)
    {
        var loopback = new List<double>();
        var sha = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            loopback.Add(await LoopbackAsync(bytes));
            sha.Add(Sha256(bytes));
        }
        var copy = Median(loopback).ToString("F0", CultureInfo.InvariantCulture);
        var digest = Median(sha).ToString("F0", CultureInfo.InvariantCulture);
        return $"Machine limits measured in this run (medians of 3): one loopback TCP connection copies {copy} MiB/s " +
            $"(1 MiB writes and reads, no disk); SHA-256 on one core runs at {digest} MiB/s. The disk's durable write rate is the dd row.";
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>MiB/s of one connection on 127.0.0.1: a sender writing <paramref name="bytes"/> in 1 MiB pieces, a receiver
    /// reading them into a 1 MiB buffer.</summary>
    private static async Task<double> LoopbackAsync(long bytes)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var watch = Stopwatch.StartNew();
        var receive = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[Piece];
            long total = 0;
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                total += read;
            }
            return total;
        });
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await sender.ConnectAsync(IPAddress.Loopback, port);
            var data = new byte[Piece];
            Random.Shared.NextBytes(data);
            for (long sent = 0; sent < bytes; sent += Piece)
            {
                await sender.SendAsync(data.AsMemory(0, (int)Math.Min(Piece, bytes - sent)));
            }
            sender.Shutdown(SocketShutdown.Send);
            if (await receive != bytes)
            {
                throw new InvalidOperationException("loopback copy lost bytes");
            }
        }
        return bytes / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>MiB/s of one SHA-256 over <paramref name="bytes"/> fed in 1 MiB pieces, as a running digest is.</summary>
    private static double Sha256(long bytes)
    {
        var data = new byte[Piece];
        Random.Shared.NextBytes(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var watch = Stopwatch.StartNew();
        for (long done = 0; done < bytes; done += Piece)
        {
            hash.AppendData(data);
        }
        hash.GetHashAndReset();
        return bytes / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }
}
