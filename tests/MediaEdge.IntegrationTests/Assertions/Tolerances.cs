namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>
/// How far apart the suite lets pixels and byte counts be where engines may legitimately differ, in one place. Both engines
/// are held to the same number; each says why the slack exists, what the engines measured when it was set, and what it
/// still catches. Pixel differences are <see cref="Pixels.MeanAbsoluteDifference"/>, 0 to 255 per channel.
/// </summary>
public static class Tolerances
{
    /// <summary>The same pixels reached two ways by one engine (turned, mirrored, baseline or progressive): resampling order only. Measured ≤ 0.2.</summary>
    public const double SamePixelsAnotherWay = 2;

    /// <summary>Two decoders of one file (libjpeg-turbo against ImageSharp's): IDCT rounding and chroma upsampling. Measured ≤ 1.4; an upside-down or garbled decode is tens away.</summary>
    public const double Decoding = 2;

    /// <summary>
    /// An engine's downscale against the test's own box-filter downscale: ImageSharp resamples bicubic, libvips lanczos3 after
    /// shrinking the JPEG while decoding it, so edges and sub-pixel phase differ, never the picture. Measured ≤ 2.1 (ImageSharp), ≤ 3.4 (vips at w=100).
    /// </summary>
    public const double Resampling = 4;

    /// <summary>
    /// A lossy AVIF or WebP at the default quality against the lossless picture, by <see cref="Pixels.CoarseDifference"/> (codec and
    /// dither noise average out). Measured ≤ 1.9; neighbouring frames of animated.gif are ≥ 3.7 apart, so a frame out of place fails.
    /// </summary>
    public const double LossyCodec = 3;

    /// <summary>Two GIF frames quantised to 256 colours separately (each engine picks its own palette and dithering). Measured ≤ 2.4; a stretched instead of cropped frame is 15 away.</summary>
    public const double GifPalette = 4;

    /// <summary>
    /// cmyk.jpg (untagged CMYK) against ImageMagick's conversion: the mean may be this many levels off per channel. A decoder that
    /// inverts the inks lands 16 to 32 off, one that guesses a press profile 12 off in blue. Measured ≤ 0.2.
    /// </summary>
    public const double CmykMean = 8;

    /// <summary>The same on average per cell of an 8x5 box average, where local errors show. Measured ≤ 0.6 (a guessed press profile: 9).</summary>
    public const double CmykCells = 12;

    /// <summary>q=20 against q=90, as a share of the bytes: encoders spend bits differently, but a fifth of the quality must save. Measured 0.21 to 0.29.</summary>
    public const double LowQualityBytes = 0.7;

    /// <summary>auto=compress or Save-Data JPEG (quality 45) against the default (75). Measured 0.67 to 0.68.</summary>
    public const double CompressedJpegBytes = 0.85;

    /// <summary>auto=compress PNG (a palette) against the default: smooth art gains little from a palette, but never grows. Measured 0.98 (ImageSharp), 0.64 (vips).</summary>
    public const double PalettePngBytes = 1.0;
}
