using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace MediaEdge.Caching;

/// <summary>
/// Purge by version: every cache key of a source object holds its version, so a purge is one increment in Redis
/// (every variant everywhere becomes unreachable at once) plus a pub/sub message on which each node evicts the
/// object's entries from its L1. A node rereads a version it holds after VersionCheckSeconds, in case it missed a message.
/// </summary>
public sealed class SourceVersions
{
    private readonly ISharedTier _shared;
    private readonly TimeProvider _time;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeSpan _recheck;
    private readonly TimeSpan _retention;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Subscribes to the shared tier's purge announcements.</summary>
    public SourceVersions(ISharedTier shared, RedisOptions options, FreshnessPolicy freshness, TimeProvider time, MediaEdgeMetrics metrics)
    {
        _shared = shared;
        _time = time;
        _metrics = metrics;
        _recheck = TimeSpan.FromSeconds(options.VersionCheckSeconds);
        _retention = freshness.Retention;
        _shared.Subscribe(CacheNamespace.PurgeChannel, OnPurgeMessage);
    }

    /// <summary>The id of a source object in keys: a hash of its source name and key.</summary>
    public static string IdOf(string source, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + key)), 0, 16);

    /// <summary>The version of source object <paramref name="id"/>: this node's copy, reread from L2 once it is VersionCheckSeconds old.</summary>
    public async ValueTask<SourceVersion> GetAsync(string id)
    {
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry) && now - entry.CheckedAt < _recheck)
        {
            return new SourceVersion(entry.Version, entry.Token);
        }

        var stored = await _shared.GetLongAsync(CacheNamespace.PurgeVersion(id)).ConfigureAwait(false);
        var version = Math.Max(stored ?? 0, entry?.Version ?? 0);
        var current = Apply(id, version, now);
        return new SourceVersion(current.Version, current.Token);
    }

    /// <summary>Drops every variant of the object: a new version here and in Redis, and a message to every node.</summary>
    public async Task<long> PurgeAsync(string id)
    {
        long version;
        var incremented = await _shared.IncrementAsync(CacheNamespace.PurgeVersion(id), _retention + _retention).ConfigureAwait(false);
        if (incremented is { } v)
        {
            version = v;
        }
        else
        {
            version = (_entries.TryGetValue(id, out var e) ? e.Version : 0) + 1;
        }

        Apply(id, version, _time.GetUtcNow(), force: true);
        _metrics.Purged("local");
        await _shared.PublishAsync(CacheNamespace.PurgeChannel, id + ":" + version.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return version;
    }

    private void OnPurgeMessage(string message)
    {
        var at = message.LastIndexOf(':');
        if (at > 0 && long.TryParse(message.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            var id = message[..at];
            var before = _entries.TryGetValue(id, out var known) ? known.Version : -1;
            if (Apply(id, version, _time.GetUtcNow()).Version == version && before < version)
            {
                // Only a purge this node had not applied yet: its own echo and repeats do not count.
                _metrics.Purged("remote");
            }
        }
    }

    private Entry Apply(string id, long version, DateTimeOffset now, bool force = false)
    {
        while (true)
        {
            if (!_entries.TryGetValue(id, out var existing))
            {
                var fresh = new Entry(version, now, new CancellationTokenSource());
                if (_entries.TryAdd(id, fresh))
                {
                    return fresh;
                }

                continue;
            }

            if (version < existing.Version || (version == existing.Version && !force))
            {
                var touched = existing with { CheckedAt = now };
                return _entries.TryUpdate(id, touched, existing) ? touched : existing;
            }

            var next = new Entry(version, now, new CancellationTokenSource());
            if (_entries.TryUpdate(id, next, existing))
            {
                // Evicts this node's L1 entries of the old version.
                existing.Eviction.Cancel();
                return next;
            }
        }
    }

    private sealed record Entry(long Version, DateTimeOffset CheckedAt, CancellationTokenSource Eviction)
    {
        public IChangeToken Token { get; } = new CancellationChangeToken(Eviction.Token);
    }
}
