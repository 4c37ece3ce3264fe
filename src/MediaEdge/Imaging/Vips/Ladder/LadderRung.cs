using VImage = NetVips.Image;

namespace MediaEdge.Imaging.Vips.Ladder;

/// <summary>One kept intermediate: a source (identity, format) decoded at a shrink-on-load, in memory, before any spec's step.</summary>
/// <param name="Shrink">The load's shrink: 1, or JPEG's 2/4/8, or WebP's fractional scale's inverse.</param>
/// <param name="DefersColour">Still 8-bit RGB(A) in the source's colour description: the conversion to sRGB follows the resize.</param>
/// <param name="Bytes">Its pixels' size in memory.</param>
internal sealed record LadderRung(string Source, SourceFormat Format, double Shrink, bool DefersColour, VImage Image, long Bytes, DateTimeOffset LastUsed);
