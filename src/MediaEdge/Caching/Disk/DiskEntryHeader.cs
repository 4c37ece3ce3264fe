namespace MediaEdge.Caching.Disk;

/// <summary>What a disk entry's file holds before its body: the variant's headers and when the entry stops being served.</summary>
internal sealed record DiskEntryHeader(string ContentType, string ETag, DateTimeOffset Created, int Width, int Height, DateTimeOffset Expires);
