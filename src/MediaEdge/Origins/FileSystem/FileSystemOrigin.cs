using MediaEdge.Requests;

namespace MediaEdge.Origins.FileSystem;

/// <summary>
/// A local folder as origin. No key reaches outside <see cref="Root"/>: dot segments are refused by <see cref="ObjectKey"/>,
/// and every component is resolved through symbolic links and checked against the root's real path. Its listing walks only
/// the root's own tree: hidden entries and links are skipped.
/// </summary>
public sealed class FileSystemOrigin : IOrigin, IListableOrigin
{
    /// <summary>The most files one listing looks at, so a prefix matching little in a huge tree still answers.</summary>
    public const int MaxScanned = 100_000;

    // Links (reparse points) are not followed, so the walk cannot leave the root; dot files are Hidden on Unix.
    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        MaxRecursionDepth = 64,
    };

    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new();
    private readonly string _name;

    public FileSystemOrigin(string name, string root)
    {
        _name = name;
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Source '{name}': the folder '{full}' does not exist (MediaEdge:Sources:{name}:Root).");
        }

        Root = RealPath(full);
    }

    /// <summary>The root, with symbolic links resolved.</summary>
    public string Root { get; }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(Root));

    public Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken)
    {
        var file = Resolve(key);
        return Task.FromResult(Describe(file));
    }

    public async Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        var file = Resolve(key);
        var info = Describe(file);
        if (info.Length > maxBytes)
        {
            throw Problems.SourceTooLarge("MaxSourceBytes", maxBytes, info.Length, "bytes");
        }

        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var buffer = new byte[info.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new OriginObject(info with { Length = read }, buffer.AsMemory(0, read));
    }

    public async Task<ReadOnlyMemory<byte>> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        var file = Resolve(key);
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        if (offset >= stream.Length)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        stream.Position = offset;
        var buffer = new byte[(int)Math.Min(length, stream.Length - offset)];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    public Task<OriginStream> OpenAsync(string key, OriginRequest? request, CancellationToken cancellationToken)
    {
        var file = Resolve(key);
        if (request?.Known is { } known && Describe(file).Validator == known.Validator)
        {
            return Task.FromResult(new OriginStream(Describe(file), Stream.Null, notModified: true));
        }

        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(new OriginStream(Describe(file), stream));
    }

    public Task<IReadOnlyList<OriginListing>> ListAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var found = new List<OriginListing>();
        var scanned = 0;
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*", Walk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++scanned > MaxScanned)
            {
                break;
            }

            var key = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && IsKey(key))
            {
                found.Add(new OriginListing(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Task.FromResult<IReadOnlyList<OriginListing>>(found.Count > limit ? found[..limit] : found);
    }

    // A file whose name no URL can ask for (a control character, a backslash dot segment) is left out of the listing.
    private static bool IsKey(string key)
    {
        try
        {
            ObjectKey.Validate(key);
            return true;
        }
        catch (ProblemException)
        {
            return false;
        }
    }

    private static OriginObjectInfo Describe(FileInfo file)
    {
        var modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        var contentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : null;
        return new OriginObjectInfo($"{file.Length:x}-{modified.UtcTicks:x}", file.Length, modified, contentType);
    }

    private static string RealPath(string path)
    {
        var info = new DirectoryInfo(path);
        return info.LinkTarget is null ? info.FullName.TrimEnd(Path.DirectorySeparatorChar) : info.ResolveLinkTarget(returnFinalTarget: true)!.FullName.TrimEnd(Path.DirectorySeparatorChar);
    }

    private FileInfo Resolve(string key)
    {
        ObjectKey.Validate(key);
        var current = Root;
        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var next = Path.Combine(current, segments[i]);
            FileSystemInfo entry = i == segments.Length - 1 ? new FileInfo(next) : new DirectoryInfo(next);
            if (entry.LinkTarget is not null)
            {
                next = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
            }

            if (!next.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw Problems.BadKey(key, "The object key leads outside the source's folder.");
            }

            current = next;
        }

        var file = new FileInfo(current);
        if (!file.Exists)
        {
            throw Problems.NotFound(_name, key);
        }

        return file;
    }
}
