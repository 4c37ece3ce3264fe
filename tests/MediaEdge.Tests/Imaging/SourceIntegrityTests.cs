using System.Buffers.Binary;
using System.IO.Compression;
using MediaEdge.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.Tests.Imaging;

/// <summary>
/// <see cref="SourceIntegrity"/>'s PNG check counts the bytes every row needs for each layout a PNG encoder writes (bit
/// depths 1 to 16, palette, grey, alpha, Adam7 interlacing): the whole file passes, and the same data cut to half its
/// rows, in a well-formed zlib stream, fails naming how much is there.
/// </summary>
public sealed class SourceIntegrityTests
{
    public static TheoryData<string> Layouts => ["rgb8", "rgba16", "grey1", "grey4", "palette2", "palette8", "grey-alpha8", "rgb8-interlaced", "palette1-interlaced", "rgba16-interlaced"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Png_WholeFile_Passes(string layout)
    {
        SourceIntegrity.Check(Png(layout), SourceFormat.Png, thorough: true);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Png_ImageDataHoldingHalfTheRows_Is422SayingHowMuchIsThere(string layout)
    {
        var png = HalfTheData(Png(layout));

        var problem = ProblemAssert.Status(422, () => SourceIntegrity.Check(png, SourceFormat.Png, thorough: true));

        Assert.Contains("cut short", problem.Message, StringComparison.Ordinal);
        Assert.Contains("37x23", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Png_ImageDataHoldingHalfTheRows_PassesTheStructuralCheck(string layout)
    {
        // Only the thorough check inflates; the structural one (run while identifying) sees whole chunks.
        SourceIntegrity.Check(HalfTheData(Png(layout)), SourceFormat.Png, thorough: false);
    }

    /// <summary>An odd size (37x23), so rows end inside a byte and Adam7 passes have uneven sizes.</summary>
    private static byte[] Png(string layout)
    {
        using var image = new Image<Rgba32>(37, 23);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 7), (byte)(y * 11), (byte)((x + y) * 3), (byte)(255 - x));
            }
        }

        var encoder = layout.Split('-')[0] switch
        {
            "rgb8" => new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 },
            "rgba16" => new PngEncoder { ColorType = PngColorType.RgbWithAlpha, BitDepth = PngBitDepth.Bit16 },
            "grey1" => new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit1 },
            "grey4" => new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit4 },
            "palette1" => new PngEncoder { ColorType = PngColorType.Palette, BitDepth = PngBitDepth.Bit1 },
            "palette2" => new PngEncoder { ColorType = PngColorType.Palette, BitDepth = PngBitDepth.Bit2 },
            "palette8" => new PngEncoder { ColorType = PngColorType.Palette, BitDepth = PngBitDepth.Bit8 },
            "grey" => new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha, BitDepth = PngBitDepth.Bit8 },
            _ => throw new ArgumentOutOfRangeException(nameof(layout)),
        };
        encoder.InterlaceMethod = layout.EndsWith("interlaced", StringComparison.Ordinal) ? PngInterlaceMode.Adam7 : PngInterlaceMode.None;
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>The PNG with its image data inflated, halved, and deflated again into one IDAT chunk (CRC correct).</summary>
    private static byte[] HalfTheData(byte[] png)
    {
        var chunks = new List<(string Type, byte[] Data)>();
        for (var pos = 8; pos + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, pos + 4, 4), png[(pos + 8)..(pos + 8 + length)]));
            pos += 12 + length;
        }

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray()), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(inflated.ToArray(), 0, (int)inflated.Length / 2);
        }

        var at = chunks.FindIndex(c => c.Type == "IDAT");
        chunks.RemoveAll(c => c.Type == "IDAT");
        chunks.Insert(at, ("IDAT", deflated.ToArray()));
        using var output = new MemoryStream();
        output.Write(png, 0, 8);
        foreach (var (type, data) in chunks)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
            System.Text.Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
            output.Write(header);
            output.Write(data);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(header.AsSpan(4), data));
            output.Write(crc);
        }

        return output.ToArray();
    }

    private static uint Crc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in (byte[])[.. type, .. data])
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
