using System.Text;
using MediaEdge.Imaging;

namespace MediaEdge.Tests.Imaging;

/// <summary>
/// Formats people upload that MediaEdge does not read are refused (415) by name, with the list of what it reads; HEIF is
/// told apart by its brands, the compatible ones included.
/// </summary>
public sealed class ImageFormatNamingTests
{
    public static TheoryData<byte[], string> Unread => new()
    {
        { [0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A], "JPEG 2000" },
        { [0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x2F], "JPEG 2000" },
        { [0xFF, 0x0A, 0xFA, 0x7F], "JPEG XL" },
        { [0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A], "JPEG XL" },
        { Ftyp("jxl ", "jxl "), "JPEG XL" },
        { Ftyp("jp2 ", "jp2 "), "JPEG 2000" },
        { Encoding.ASCII.GetBytes("8BPS\0\x01\0\0\0\0\0\0"), "PSD" },
        { [0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x20, 0x20], "ICO" },
        { [0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x20, 0x20], "CUR" },
        { [(byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0], "BigTIFF" },
        { Encoding.ASCII.GetBytes("%PDF-1.7\n"), "PDF" },
        { Encoding.ASCII.GetBytes("qoif\0\0\0\x10"), "QOI" },
        { Ftyp("isom", "isom", "mp41"), "/video/" },
    };

    [Theory]
    [MemberData(nameof(Unread))]
    public void Sniff_FormatNotRead_Is415NamingIt(byte[] data, string named)
    {
        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(data));

        Assert.Equal("unsupported-media", problem.Type);
        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
        Assert.Contains("AVIF", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mif1", "avif", SourceFormat.Avif)]
    [InlineData("mif1", "heic", SourceFormat.Heic)]
    [InlineData("msf1", "hevc", SourceFormat.Heic)]
    [InlineData("heim", "heim", SourceFormat.Heic)]
    [InlineData("mif1", "miaf", SourceFormat.Heic)]
    public void Sniff_Heif_IsToldApartByItsBrands(string major, string compatible, SourceFormat format)
    {
        Assert.Equal(format, ImageFormatSniffer.Sniff(Ftyp(major, major, compatible)));
    }

    [Fact]
    public void Sniff_RandomBytes_Is415ListingWhatIsRead()
    {
        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(Encoding.ASCII.GetBytes("plain text, not an image")));

        Assert.Contains("Supported formats are JPEG, PNG, GIF, WebP, AVIF, TIFF and BMP", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>An ISO-BMFF ftyp box: its major brand, a minor version, then the compatible brands.</summary>
    private static byte[] Ftyp(string major, params string[] compatible)
    {
        var size = 16 + (4 * compatible.Length);
        var box = new byte[size + 8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(box, size);
        Encoding.ASCII.GetBytes("ftyp" + major).CopyTo(box, 4);
        for (var i = 0; i < compatible.Length; i++)
        {
            Encoding.ASCII.GetBytes(compatible[i]).CopyTo(box, 16 + (4 * i));
        }

        return box;
    }
}
