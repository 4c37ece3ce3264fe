namespace MediaEdge.Caching.Disk;

/// <summary>
/// Single flight across nodes for results too large for one L2 value: the lock holder writes the entry to L2 in chunks of
/// at most <c>Cache:Redis:MaxValueBytes</c> (each chunk a value of its own), then a manifest, all expiring after
/// <paramref name="ttl"/> (twice the lock's expiry: long enough for every waiter woken by the "done" message). Waiters
/// read the chunks back and check the length and the ETag (every output's ETag is <see cref="CacheKey.ETagOf"/> its
/// bytes), so a torn handoff, chunks of two computations, or a chunk that expired reads as a miss, never as wrong bytes.
/// </summary>
public sealed class LargeEntryHandoff(ISharedTier shared, int maxValueBytes, TimeSpan ttl)
{
    // Room for the layout's prefix and a chunk's JSON header within one value.
    private const int ChunkOverhead = 64;

    /// <returns>False where L2 took only part of it (or none: no Redis, a failure); waiters then compute it themselves.</returns>
    public async Task<bool> OfferAsync(string hash, CachedImage image)
    {
        var size = maxValueBytes - ChunkOverhead;
        if (size <= 0)
        {
            return false;
        }

        var chunks = (image.Bytes.Length + size - 1) / size;
        for (var index = 0; index < chunks; index++)
        {
            var offset = index * size;
            var body = image.Bytes.Slice(offset, Math.Min(size, image.Bytes.Length - offset));
            if (!await shared.SetAsync(CacheNamespace.HandoffChunk(hash, index), new Chunk(index), body, ttl).ConfigureAwait(false))
            {
                return false;
            }
        }

        // The manifest last: a reader that finds it finds every chunk it names.
        var manifest = new Manifest(image.ContentType, image.ETag, image.Created, image.Width, image.Height, image.Bytes.Length, chunks);
        return await shared.SetAsync(CacheNamespace.Handoff(hash), manifest, ReadOnlyMemory<byte>.Empty, ttl).ConfigureAwait(false);
    }

    /// <summary>The entry handed off under <paramref name="hash"/>, whole and checked, or null.</summary>
    public async Task<CachedImage?> TakeAsync(string hash)
    {
        if (await shared.GetAsync<Manifest>(CacheNamespace.Handoff(hash)).ConfigureAwait(false) is not { Header: var manifest }
            || manifest.Length <= 0 || manifest.Chunks <= 0 || manifest.Chunks > manifest.Length)
        {
            return null;
        }

        var bytes = new byte[manifest.Length];
        var filled = 0;
        for (var index = 0; index < manifest.Chunks; index++)
        {
            var read = await shared.GetAsync<Chunk>(CacheNamespace.HandoffChunk(hash, index)).ConfigureAwait(false);
            if (read is not var (chunk, body) || chunk.Index != index || body.Length > bytes.Length - filled)
            {
                return null;
            }

            body.CopyTo(bytes.AsMemory(filled));
            filled += body.Length;
        }

        if (filled != bytes.Length || CacheKey.ETagOf(bytes) != manifest.ETag)
        {
            return null;
        }

        return new CachedImage(bytes, manifest.ContentType, manifest.ETag, manifest.Created, manifest.Width, manifest.Height);
    }

    private sealed record Manifest(string ContentType, string ETag, DateTimeOffset Created, int Width, int Height, int Length, int Chunks);

    private sealed record Chunk(int Index);
}
