using System.Buffers.Binary;
using System.Text;
using MediaEdge.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.Tests.Imaging;

public sealed class ContainerProbeTests
{
    private static readonly byte[] EndOfImage = [0xFF, 0xD9];

    [Theory]
    [InlineData(GifColorTableMode.Global)]
    [InlineData(GifColorTableMode.Local)]
    public void CountGifFrames_ThreeFrameGif_IsThree(GifColorTableMode tables)
    {
        var gif = Gif(frames: 3, tables);

        Assert.Equal(3, ContainerProbe.CountGifFrames(gif));
    }

    [Fact]
    public void CountGifFrames_StillGif_IsOne()
    {
        Assert.Equal(1, ContainerProbe.CountGifFrames(Gif(frames: 1, GifColorTableMode.Global)));
    }

    [Fact]
    public void CountGifFrames_EveryTruncation_CountsOnlyFramesItHasWithoutThrowing()
    {
        var gif = Gif(frames: 3, GifColorTableMode.Local);

        var previous = 0;
        for (var length = 0; length <= gif.Length; length++)
        {
            var frames = ContainerProbe.CountGifFrames(gif.AsSpan(0, length));

            Assert.InRange(frames, previous, 3);
            previous = frames;
        }

        Assert.Equal(0, ContainerProbe.CountGifFrames(gif.AsSpan(0, 13)));
        Assert.Equal(3, previous);
    }

    [Fact]
    public void ReadGifSize_Gif_IsItsLogicalScreen()
    {
        Assert.Equal((12, 7), ContainerProbe.ReadGifSize(Gif(frames: 2, GifColorTableMode.Global, width: 12, height: 7)));
        Assert.Equal((0, 0), ContainerProbe.ReadGifSize("GIF89a"u8));
    }

    [Fact]
    public void ReadWebp_SimpleLossy_IsOneOpaqueFrame()
    {
        var webp = Webp(("VP8 ", new byte[10]));

        Assert.Equal((1, false), ContainerProbe.ReadWebp(webp));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadWebp_Lossless_ReadsTheAlphaBitOfTheVp8LHeader(bool alpha)
    {
        var webp = Webp(("VP8L", Vp8L(8, 8, alpha)));

        Assert.Equal((1, alpha), ContainerProbe.ReadWebp(webp));
    }

    [Fact]
    public void ReadWebp_ExtendedWithAlphaFlag_HasAlpha()
    {
        var webp = Webp(("VP8X", Vp8X(flags: 0x10)), ("VP8 ", new byte[10]));

        Assert.Equal((1, true), ContainerProbe.ReadWebp(webp));
    }

    [Fact]
    public void ReadWebp_ExtendedWithAlphChunk_HasAlpha()
    {
        var webp = Webp(("VP8X", Vp8X(flags: 0)), ("ALPH", new byte[5]), ("VP8 ", new byte[10]));

        Assert.Equal((1, true), ContainerProbe.ReadWebp(webp));
    }

    [Fact]
    public void ReadWebp_ExtendedWithoutAlpha_IsOpaque()
    {
        var webp = Webp(("VP8X", Vp8X(flags: 0x08)), ("VP8 ", new byte[10]), ("EXIF", new byte[7]));

        Assert.Equal((1, false), ContainerProbe.ReadWebp(webp));
    }

    [Fact]
    public void ReadWebp_AnimationWithOddSizedChunks_CountsEveryFrame()
    {
        // ANMF frames carry their own VP8L chunks inside; only the ANMF chunks count. Odd sizes are padded.
        var frame = new byte[16].Concat(Chunk("VP8L", Vp8L(4, 4, alpha: false))).Append((byte)0).ToArray();
        var webp = Webp(("VP8X", Vp8X(flags: 0x02)), ("ANIM", new byte[6]), ("ANMF", frame), ("ANMF", frame), ("ICCP", new byte[3]), ("ANMF", frame));

        Assert.Equal((3, false), ContainerProbe.ReadWebp(webp));
    }

    [Theory]
    [InlineData(0x7FFFFFE0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFF0u)]
    public void ReadWebp_ChunkSizeBeyondTheData_StopsWithoutThrowing(uint size)
    {
        var webp = Webp(("VP8X", Vp8X(flags: 0x12)), ("ANMF", new byte[16]));
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(12 + 8 + 10 + 4), size);

        var (frames, alpha) = ContainerProbe.ReadWebp(webp);

        Assert.Equal(1, frames);
        Assert.True(alpha);
    }

    [Fact]
    public void PngHasAlpha_SampleWithRgbaColourType_IsTrue()
    {
        Assert.True(ContainerProbe.PngHasAlpha(Samples.Read("alpha.png")));
    }

    [Theory]
    [InlineData(PngColorType.Rgb, false)]
    [InlineData(PngColorType.Grayscale, false)]
    [InlineData(PngColorType.RgbWithAlpha, true)]
    [InlineData(PngColorType.GrayscaleWithAlpha, true)]
    public void PngHasAlpha_ColourType_DecidesWithoutTrns(PngColorType colorType, bool alpha)
    {
        using var image = new Image<Rgba32>(4, 4, new Rgba32(10, 20, 30, 255));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, new PngEncoder { ColorType = colorType, BitDepth = PngBitDepth.Bit8 });

        Assert.Equal(alpha, ContainerProbe.PngHasAlpha(stream.ToArray()));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(0)]
    public void PngHasAlpha_TrnsBeforeImageData_IsTrue(byte colorType)
    {
        var png = Png(colorType, ("PLTE", new byte[6]), ("tRNS", new byte[] { 0, 0 }), ("IDAT", new byte[8]), ("IEND", []));

        Assert.True(ContainerProbe.PngHasAlpha(png));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PngHasAlpha_OpaqueTypeWithoutTrns_IsFalse(byte colorType)
    {
        var png = Png(colorType, ("PLTE", new byte[6]), ("tEXt", Encoding.ASCII.GetBytes("Comment\0tRNS")), ("IDAT", new byte[8]), ("IEND", []));

        Assert.False(ContainerProbe.PngHasAlpha(png));
    }

    [Fact]
    public void PngHasAlpha_CutShort_IsFalse()
    {
        Assert.False(ContainerProbe.PngHasAlpha(Samples.Read("alpha.png").AsSpan(0, 25)));
        Assert.False(ContainerProbe.PngHasAlpha([]));
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0x7FFFFFF3u)]
    [InlineData(0xFFFFFFFFu)]
    public void PngHasAlpha_ChunkLengthBeyondTheData_StopsWithoutThrowing(uint length)
    {
        var png = Png(2, ("gAMA", new byte[4]), ("IDAT", new byte[8]));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8 + 25), length);

        Assert.False(ContainerProbe.PngHasAlpha(png));
    }

    [Fact]
    public void JpegHasEnd_WholeSample_IsTrue()
    {
        Assert.True(ContainerProbe.JpegHasEnd(Samples.Read("colorful-cups.jpg")));
    }

    [Fact]
    public void JpegHasEnd_SampleCutInHalf_IsFalse()
    {
        var jpeg = Samples.Read("colorful-cups.jpg");

        Assert.False(ContainerProbe.JpegHasEnd(jpeg.AsSpan(0, jpeg.Length / 2)));
    }

    [Fact]
    public void JpegHasEnd_WholeEncodedJpeg_IsTrueAndItsHalfIsFalse()
    {
        var jpeg = Jpeg(128, 128, seed: 1);

        Assert.True(ContainerProbe.JpegHasEnd(jpeg));
        Assert.False(ContainerProbe.JpegHasEnd(jpeg.AsSpan(0, jpeg.Length / 2)));
        Assert.False(ContainerProbe.JpegHasEnd(jpeg.AsSpan(0, jpeg.Length - 2)));
    }

    [Fact]
    public void JpegHasEnd_JpegWithExifThumbnail_IsTrueWhole()
    {
        Assert.True(ContainerProbe.JpegHasEnd(JpegWithThumbnail()));
    }

    [Fact]
    public void JpegHasEnd_JpegWithExifThumbnailCutInHalf_IsFalseDespiteTheThumbnailsEndMarker()
    {
        var jpeg = JpegWithThumbnail();
        var half = jpeg.AsSpan(0, jpeg.Length / 2);

        Assert.True(half.IndexOf(EndOfImage) > 0, "the first half should hold the thumbnail's FF D9");
        Assert.False(ContainerProbe.JpegHasEnd(half));
    }

    [Fact]
    public void JpegHasEnd_CutBeforeTheFirstScan_IsFalse()
    {
        var jpeg = Jpeg(64, 64, seed: 4);
        var firstScan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);

        Assert.False(ContainerProbe.JpegHasEnd(jpeg.AsSpan(0, firstScan + 6)));
    }

    [Fact]
    public void JpegHasEnd_NotAJpeg_IsFalse()
    {
        Assert.False(ContainerProbe.JpegHasEnd([]));
        Assert.False(ContainerProbe.JpegHasEnd([0xFF, 0xD8, 0xFF, 0xD9]));
        Assert.False(ContainerProbe.JpegHasEnd(Samples.Read("alpha.png")));
    }

    internal static byte[] Gif(int frames, GifColorTableMode tables, int width = 8, int height = 8)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(255, 0, 0));
        for (var i = 1; i < frames; i++)
        {
            image.Frames.CreateFrame(new Rgba32((byte)(40 * i), (byte)(255 - (40 * i)), 128));
        }

        using var stream = new MemoryStream();
        image.SaveAsGif(stream, new GifEncoder { ColorTableMode = tables });
        return stream.ToArray();
    }

    internal static byte[] Jpeg(int width, int height, int seed, int quality = 90)
    {
        var random = new Random(seed);
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = quality });
        return stream.ToArray();
    }

    /// <summary>A JPEG whose APP1 (EXIF) segment holds a whole thumbnail JPEG, end marker included.</summary>
    internal static byte[] JpegWithThumbnail()
    {
        var main = Jpeg(160, 160, seed: 2);
        var thumbnail = Jpeg(24, 24, seed: 3);
        var app1 = "Exif\0\0"u8.ToArray().Concat(thumbnail).ToArray();
        var segment = new byte[4 + app1.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(2 + app1.Length)));
        app1.CopyTo(segment, 4);
        return [.. main.AsSpan(0, 2), .. segment, .. main.AsSpan(2)];
    }

    internal static byte[] Webp(params (string FourCc, byte[] Body)[] chunks)
    {
        var body = "WEBP"u8.ToArray().Concat(chunks.SelectMany(c => Chunk(c.FourCc, c.Body))).ToArray();
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }

    private static byte[] Chunk(string fourCc, byte[] body)
    {
        var chunk = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Vp8X(byte flags) => [flags, 0, 0, 0, 7, 0, 0, 7, 0, 0];

    private static byte[] Vp8L(int width, int height, bool alpha)
    {
        var header = new byte[9];
        header[0] = 0x2F;
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14) | ((alpha ? 1u : 0u) << 28);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), bits);
        return header;
    }

    private static byte[] Png(byte colorType, params (string Type, byte[] Body)[] chunks)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 4);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 4);
        ihdr[8] = 8;
        ihdr[9] = colorType;
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        return signature.Concat(new[] { ("IHDR", ihdr) }.Concat(chunks).SelectMany(c => PngChunk(c.Item1, c.Item2))).ToArray();
    }

    // The probe reads no CRC, so it is left zero.
    private static byte[] PngChunk(string type, byte[] body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        body.CopyTo(chunk, 8);
        return chunk;
    }
}
