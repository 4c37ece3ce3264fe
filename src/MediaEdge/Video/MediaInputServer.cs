using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Tenancy.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaEdge.Video;

/// <summary>
/// The only input ffmpeg gets: a loopback-only HTTP endpoint that serves a leased source's byte ranges through the
/// origin layer, block by block, with the blocks cached. ffmpeg seeks with Range requests, so a thumbnail reads the
/// index and one group of pictures, not the whole file. Small socket and response buffers keep read-ahead low.
/// </summary>
public sealed class MediaInputServer : IAsyncDisposable
{
    private const int SocketBufferBytes = 32 * 1024;
    private readonly ConcurrentDictionary<string, MediaLease> _leases = new(StringComparer.Ordinal);
    private readonly MemoryTier _memory;
    private readonly VideoOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly UsageMeter _usage;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private WebApplication? _app;
    private Uri? _base;

    public MediaInputServer(MemoryTier memory, VideoOptions options, MediaEdgeMetrics metrics, UsageMeter usage)
    {
        _memory = memory;
        _options = options;
        _metrics = metrics;
        _usage = usage;
    }

    public async Task<MediaLease> LeaseAsync(string source, IOrigin origin, string key, SourceState state)
    {
        var baseUri = await EnsureStartedAsync().ConfigureAwait(false);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var lease = new MediaLease(token, new Uri(baseUri, "m/" + token), source, origin, key, state, t => _leases.TryRemove(t, out _));
        _leases[token] = lease;
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<Uri> EnsureStartedAsync()
    {
        if (_base is not null)
        {
            return _base;
        }

        await _startGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_base is not null)
            {
                return _base;
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.Sources.Clear();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0);
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxResponseBufferSize = _options.BlockBytes;
            });
            builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
            {
                // Accepted sockets inherit the listener's buffer sizes: small ones stop the kernel from reading far ahead for ffmpeg.
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = SocketBufferBytes;
                return socket;
            });
            var app = builder.Build();
            app.MapMethods("/m/{token}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _app = app;
            _base = new Uri(address.EndsWith('/') ? address : address + "/");
            return _base;
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, string token)
    {
        var response = context.Response;
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote) || !_leases.TryGetValue(token, out var lease))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var length = lease.State.Length;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "application/octet-stream";
        var ranges = ByteRanges.Parse(context.Request.Headers.Range.ToString(), length);
        long start = 0, end = length - 1;
        if (ranges is { Count: 0 })
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            return;
        }

        if (ranges is { Count: > 0 })
        {
            (start, end) = ranges[0];
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }

        response.ContentLength = end - start + 1;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var blockSize = _options.BlockBytes;
        var aborted = context.RequestAborted;
        for (var position = start; position <= end && !aborted.IsCancellationRequested;)
        {
            var index = position / blockSize;
            var block = await BlockAsync(lease, index).ConfigureAwait(false);
            var offset = (int)(position - (index * blockSize));
            if (offset >= block.Length)
            {
                break;
            }

            var count = (int)Math.Min(block.Length - offset, end - position + 1);
            try
            {
                // Once ffmpeg has closed the connection, writes still succeed (discarded) before RequestAborted fires;
                // only the flush result tells, and without it the loop would read the rest of the range from the origin.
                var flushed = await response.BodyWriter.WriteAsync(block.Slice(offset, count), aborted).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            position += count;
        }
    }

    private async Task<ReadOnlyMemory<byte>> BlockAsync(MediaLease lease, long index)
    {
        var key = CacheNamespace.VideoBlock(SourceVersions.IdOf(lease.Source, lease.Key), lease.State.Validator, index);
        if (_memory.TryGet<byte[]>(key, out var cached) && cached is not null)
        {
            return cached;
        }

        var block = await lease.Origin.ReadRangeAsync(lease.Key, index * _options.BlockBytes, _options.BlockBytes, CancellationToken.None).ConfigureAwait(false);
        var bytes = block.ToArray();
        lease.Count(bytes.Length);
        _metrics.VideoOriginBytes(lease.Source, bytes.Length);
        _usage.OriginRead(lease.Source, bytes.Length);
        _memory.Set(key, bytes, bytes.Length, TimeSpan.FromMinutes(5));
        return bytes;
    }
}
