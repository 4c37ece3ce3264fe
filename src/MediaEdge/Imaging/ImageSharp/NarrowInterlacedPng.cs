using System.Buffers.Binary;
using MediaEdge.Requests;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>
/// ImageSharp 2.1 skips an Adam7 pass that has no columns without moving to the next pass's first row, so it reads every
/// interlaced PNG narrower than 5 pixels (the width that leaves pass 2 empty) with the wrong rows: it spins for ever at
/// the end of the pixel data, or answers wrong pixels, or fails on a misplaced filter byte. Such files are refused (415
/// naming the engine) before any pixel is decoded, so that the other engine renders them.
/// </summary>
internal static class NarrowInterlacedPng
{
    /// <summary>The widest PNG the fault reaches: from 5 pixels on, every pass has a column.</summary>
    public const int MaxWidth = 4;

    /// <summary>True for an Adam7-interlaced PNG at most <see cref="MaxWidth"/> pixels wide, read from its IHDR chunk.</summary>
    public static bool Affects(ReadOnlySpan<byte> png, out int width)
    {
        width = 0;
        if (png.Length < 29 || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        width = BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4));
        return width is > 0 and <= MaxWidth && png[28] == 1;
    }

    public static ProblemException Refusal(string engine, int width) =>
        Problems.EngineCannotRead(engine, $"The source is an Adam7-interlaced PNG {width} pixel(s) wide; the '{engine}' engine (ImageSharp 2.1) cannot decode interlaced PNGs narrower than {MaxWidth + 1} pixels (it misreads their passes).");
}
