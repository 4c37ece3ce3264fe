namespace MediaEdge.Imaging;

/// <summary>An engine's output: the bytes and what they are.</summary>
public sealed record EncodedImage(ReadOnlyMemory<byte> Bytes, string ContentType, int Width, int Height);
