namespace MediaEdge.Imaging;

/// <summary>An engine's output: the bytes and what they are.</summary>
public sealed record EncodedImage(ReadOnlyMemory<byte> Bytes, string ContentType, int Width, int Height)
{
    /// <summary>Whether the render started from a kept intermediate (<see cref="LadderUse"/>); None for every engine but vips.</summary>
    public LadderUse Ladder { get; init; }

    /// <summary>CPU time the render took, in milliseconds, where it ran alone in a render worker (the worker process's CPU, every libvips thread included); null where it was not measured.</summary>
    public double? CpuMilliseconds { get; init; }
}
