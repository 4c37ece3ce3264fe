using Microsoft.Extensions.Logging;

namespace MediaEdge.Caching.Disk;

/// <summary>
/// The per-node disk tier: results too large for L2, one file per variant hash (<c>{hash}.entry</c>: <see cref="EntryCodec"/>'s
/// layout, a <see cref="DiskEntryHeader"/> then the body), bounded in bytes with the least recently used deleted first.
/// Files are written to a temp file and renamed, so a reader sees a whole entry or none. The index is rebuilt at start from the
/// folder, in the order of the files' modification times (set on every hit: access times are unreliable under noatime),
/// and temp files a stopped write left, unreadable and expired entries are deleted then. A purge needs nothing here: variant
/// hashes include the source's purge version, so a purged entry is never asked for again and ages out by LRU or expiry.
/// Like Redis, the tier only accelerates: a disk failure reads as a miss or a write that did not happen.
/// </summary>
public sealed partial class DiskTier
{
    private const string EntryExtension = ".entry";
    private const string TempExtension = ".tmp";
    private readonly DiskCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiskIndex _index;
    private readonly Lock _gate = new();

    /// <summary>Opens the folder (creating it) and indexes what it holds; with <see cref="DiskCacheOptions.Path"/> empty, or a folder that cannot be made, the tier is off.</summary>
    public DiskTier(DiskCacheOptions options, TimeProvider time, ILogger<DiskTier> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _index = new DiskIndex(options.MaxBytes);
        Enabled = options.Path.Length > 0 && Open();
    }

    /// <summary>Whether entries are kept: a folder is configured and could be opened.</summary>
    public bool Enabled { get; }

    /// <summary>Bytes held in the folder, headers included.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _index.Bytes;
            }
        }
    }

    /// <summary>Entries held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The variant under <paramref name="hash"/>, now the most recently used; null where absent, expired (then deleted) or unreadable (then deleted).</summary>
    public async Task<CachedImage?> GetAsync(string hash)
    {
        if (!Enabled || !IsHash(hash))
        {
            return null;
        }

        DiskIndex.Slot? slot;
        lock (_gate)
        {
            slot = _index.Use(hash);
        }

        if (slot is null)
        {
            return null;
        }

        var path = PathOf(hash);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Forget(hash, slot);
            return null;
        }

        var now = _time.GetUtcNow();
        if (!EntryCodec.TryDecode<DiskEntryHeader>(bytes, out var header, out var body) || header!.Expires <= now)
        {
            Forget(hash, slot);
            return null;
        }

        Touch(path, now);
        return new CachedImage(body, header.ContentType, header.ETag, header.Created, header.Width, header.Height);
    }

    /// <summary>Keeps <paramref name="image"/> under <paramref name="hash"/> for <paramref name="retention"/>, deleting the least recently used entries past <see cref="DiskCacheOptions.MaxBytes"/>.</summary>
    /// <returns>False where the tier is off, the entry alone exceeds MaxBytes, or the write failed.</returns>
    public async Task<bool> SetAsync(string hash, CachedImage image, TimeSpan retention)
    {
        if (!Enabled || !IsHash(hash))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var head = EntryCodec.EncodeHead(new DiskEntryHeader(image.ContentType, image.ETag, image.Created, image.Width, image.Height, now + retention), image.Bytes.Length);
        long bytes = head.Length + image.Bytes.Length;
        if (bytes > _options.MaxBytes)
        {
            return false;
        }

        // A name of its own per write, so concurrent writers of one hash never write into one file; the last rename wins.
        var temp = Path.Combine(_options.Path, $"{hash}.{Guid.NewGuid():N}{TempExtension}");
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(head).ConfigureAwait(false);
                await file.WriteAsync(image.Bytes).ConfigureAwait(false);
            }

            File.SetLastWriteTimeUtc(temp, now.UtcDateTime);
            lock (_gate)
            {
                // Renamed under the lock, so the index and the folder agree on which write of a hash is the one kept.
                File.Move(temp, PathOf(hash), overwrite: true);
                foreach (var victim in _index.Add(hash, bytes))
                {
                    Delete(PathOf(victim));
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.WriteFailed(_logger, hash, e.Message);
            Delete(temp);
            return false;
        }
    }

    private bool Open()
    {
        try
        {
            Directory.CreateDirectory(_options.Path);
            Rebuild();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.OpenFailed(_logger, _options.Path, e.Message);
            return false;
        }
    }

    private void Rebuild()
    {
        var now = _time.GetUtcNow();
        var found = new List<(string Hash, long Bytes, DateTime Used)>();
        foreach (var file in new DirectoryInfo(_options.Path).EnumerateFiles())
        {
            if (file.Name.EndsWith(TempExtension, StringComparison.Ordinal))
            {
                // A write that a crash or a stop cut short.
                Delete(file.FullName);
                continue;
            }

            var hash = Path.GetFileNameWithoutExtension(file.Name);
            if (!file.Name.EndsWith(EntryExtension, StringComparison.Ordinal) || !IsHash(hash))
            {
                continue;
            }

            // An entry over MaxBytes (lowered since it was written) could never be kept beside another.
            if (file.Length <= _options.MaxBytes && Readable(file, now))
            {
                found.Add((hash, file.Length, file.LastWriteTimeUtc));
            }
            else
            {
                Delete(file.FullName);
            }
        }

        foreach (var (hash, bytes, _) in found.OrderBy(entry => entry.Used))
        {
            foreach (var victim in _index.Add(hash, bytes))
            {
                Delete(PathOf(victim));
            }
        }

        Log.Opened(_logger, _options.Path, _index.Count, _index.Bytes);
    }

    private static bool Readable(FileInfo file, DateTimeOffset now)
    {
        try
        {
            using var stream = file.OpenRead();
            return EntryCodec.TryReadHead<DiskEntryHeader>(stream, out var header) && header!.Expires > now;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Forget(string hash, DiskIndex.Slot slot)
    {
        lock (_gate)
        {
            // Only the entry this reader found: a writer may have put a new one there since.
            if (_index.Remove(hash, slot))
            {
                Delete(PathOf(hash));
            }
        }
    }

    private static void Touch(string path, DateTimeOffset now)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, now.UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Evicted meanwhile: the hit stands, the order is only a hint for the next start.
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next start's scan deletes it.
        }
    }

    private string PathOf(string hash) => Path.Combine(_options.Path, hash + EntryExtension);

    // Hashes are CacheKey's lower-case hex, and nothing else may become a file name.
    private static bool IsHash(string hash) => hash.Length is > 0 and <= 128 && hash.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Disk cache {Path}: {Count} entries, {Bytes} bytes")]
        public static partial void Opened(ILogger logger, string path, int count, long bytes);

        [LoggerMessage(2, LogLevel.Error, "Disk cache {Path} could not be opened; running without it: {Reason}")]
        public static partial void OpenFailed(ILogger logger, string path, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Disk cache write of {Hash} failed: {Reason}")]
        public static partial void WriteFailed(ILogger logger, string hash, string reason);
    }
}
