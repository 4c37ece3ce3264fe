using System.Text;
using MediaEdge.Imaging;

namespace MediaEdge.Tests.Imaging;

public sealed class ImageFormatSnifferTests
{
    public static TheoryData<byte[], SourceFormat> MagicBytes => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], SourceFormat.Jpeg },
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], SourceFormat.Png },
        { Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0"), SourceFormat.Gif },
        { Encoding.ASCII.GetBytes("GIF87a\x01\0\x01\0"), SourceFormat.Gif },
        { Encoding.ASCII.GetBytes("RIFF\x24\0\0\0WEBPVP8 "), SourceFormat.Webp },
        { Encoding.ASCII.GetBytes("BM\x36\0\0\0"), SourceFormat.Bmp },
        { [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0], SourceFormat.Tiff },
        { [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8], SourceFormat.Tiff },
        { Ftyp("avif"), SourceFormat.Avif },
        { Ftyp("avis"), SourceFormat.Avif },
        { Ftyp("heic"), SourceFormat.Heic },
        { Ftyp("heix"), SourceFormat.Heic },
        { Ftyp("mif1"), SourceFormat.Heic },
    };

    [Theory]
    [MemberData(nameof(MagicBytes))]
    public void Sniff_MagicBytes_NameTheFormat(byte[] data, SourceFormat format)
    {
        Assert.Equal(format, ImageFormatSniffer.Sniff(data));
    }

    [Theory]
    [InlineData("colorful-cups.jpg", SourceFormat.Jpeg)]
    [InlineData("alpha.png", SourceFormat.Png)]
    public void Sniff_Samples_AreRecognisedByContentNotName(string name, SourceFormat format)
    {
        Assert.Equal(format, ImageFormatSniffer.Sniff(Samples.Read(name)));
    }

    [Fact]
    public void Sniff_GeneratedGifAndWebp_AreRecognised()
    {
        Assert.Equal(SourceFormat.Gif, ImageFormatSniffer.Sniff(ContainerProbeTests.Gif(2, SixLabors.ImageSharp.Formats.Gif.GifColorTableMode.Global)));
        Assert.Equal(SourceFormat.Webp, ImageFormatSniffer.Sniff(ContainerProbeTests.Webp(("VP8 ", new byte[10]))));
    }

    [Fact]
    public void Sniff_Empty_Is415SayingItIsEmpty()
    {
        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff([]));

        Assert.Equal("unsupported-media", problem.Type);
        Assert.Contains("empty", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>")]
    [InlineData("\n\n   <html lang=\"en\"><head><title>404</title></head></html>")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>")]
    public void Sniff_Markup_Is415SayingItIsHtml(string text)
    {
        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(Encoding.UTF8.GetBytes(text)));

        Assert.Contains("HTML", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>")]
    [InlineData("  \r\n<SVG xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void Sniff_Svg_Is415SayingSvgIsNeverServed(string text)
    {
        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(Encoding.UTF8.GetBytes(text)));

        Assert.Equal("unsupported-media", problem.Type);
        Assert.Contains("SVG", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sniff_RandomBytes_Is415(int seed)
    {
        var data = new byte[1024];
        new Random(seed).NextBytes(data);

        var problem = ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(data));

        Assert.Contains("not an image", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GIF")]
    [InlineData("RIFF\x24\0\0\0WAVEfmt ")]
    [InlineData("%PDF-1.7")]
    [InlineData("{\"width\":100}")]
    [InlineData("B")]
    public void Sniff_OtherFilesAndCutMagic_Are415(string text)
    {
        ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(Encoding.Latin1.GetBytes(text)));
    }

    [Theory]
    [InlineData("mp42")]
    [InlineData("isom")]
    [InlineData("qt  ")]
    public void Sniff_VideoContainer_Is415(string brand)
    {
        ProblemAssert.Status(415, () => ImageFormatSniffer.Sniff(Ftyp(brand)));
    }

    /// <summary>The start of an ISO base media file: a box size, 'ftyp' and the major brand.</summary>
    private static byte[] Ftyp(string brand) => [0, 0, 0, 0x1C, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0];
}
