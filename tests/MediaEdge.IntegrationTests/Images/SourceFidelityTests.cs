using System.Net;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Hosting;
using MediaEdge.IntegrationTests.TestMedia;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>What the service must keep from a source (orientation, alpha, colour, frames) and what it must drop (metadata).</summary>
[Collection(ImageServer.Collection)]
public sealed class SourceFidelityTests : ServerTest
{
    public SourceFidelityTests(ImageServer fixture)
        : base(fixture)
    {
    }

    /// <summary>orientation-6.jpg is colorful-cups stored turned a quarter anticlockwise (800x1280) with EXIF Orientation 6.</summary>
    [Fact]
    public async Task Orientation6_IsServedUpright()
    {
        var sut = await Client.GetReplyAsync("/img/local/orientation-6.jpg?w=400&fm=png");
        var reference = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=400&fm=png");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        using var upright = Pixels.Load(sut.Body);
        using var expected = Pixels.Load(reference.Body);
        using var upsideDown = expected.Clone(ctx => ctx.Rotate(RotateMode.Rotate180));
        Assert.Equal((400, 250), (upright.Width, upright.Height));
        var difference = Pixels.MeanAbsoluteDifference(upright, expected);
        Assert.True(difference < 6, $"orientation-6 upright differs from colorful-cups by {difference:0.0}");
        Assert.True(Pixels.MeanAbsoluteDifference(upright, upsideDown) > 4 * difference, "turned the wrong way");
    }

    [Fact]
    public async Task Orientation6_PlainRequest_IsLandscape_AndCarriesNoOrientationTag()
    {
        var sut = await Client.GetReplyAsync("/img/local/orientation-6.jpg");

        Assert.Equal("image/jpeg", sut.ContentType);
        var info = Image.Identify(sut.Body);
        Assert.Equal((1280, 800), (info.Width, info.Height));
        Assert.Null(info.Metadata.ExifProfile);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("webp")]
    [InlineData("png")]
    public async Task Metadata_IsStripped(string fm)
    {
        var source = MediaFolder.Shared.Read("colorful-cups.jpg");
        string[] markers = ["Exif", "GPS", "http://ns.adobe.com/xap/1.0/", "ICC_PROFILE", "SONY", "Aarhus"];
        Assert.All(markers, marker => Assert.True(Magic.Contains(source, marker), $"the source should hold '{marker}'"));
        var sourceInfo = Image.Identify(source);
        Assert.NotNull(sourceInfo.Metadata.ExifProfile);
        Assert.NotNull(sourceInfo.Metadata.XmpProfile);
        Assert.NotNull(sourceInfo.Metadata.IccProfile);

        var sut = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w=400&fm={fm}");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.All(markers, marker => Assert.False(Magic.Contains(sut.Body, marker), $"fm={fm} output holds '{marker}'"));
        var info = Image.Identify(sut.Body);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.Null(info.Metadata.XmpProfile);
        Assert.Null(info.Metadata.IccProfile);
        Assert.Null(info.Metadata.IptcProfile);
    }

    [Theory]
    [InlineData("", "image/png")]
    [InlineData("&fm=png", "image/png")]
    [InlineData("&fm=webp", "image/webp")]
    public async Task Alpha_IsKept_InFormatsThatHaveIt(string fm, string contentType)
    {
        var sut = await Client.GetReplyAsync($"/img/local/alpha.png?w=600{fm}");

        Assert.Equal(contentType, sut.ContentType);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((600, 400), (image.Width, image.Height));
        Assert.True(image[0, 0].A < 16, $"corner alpha {image[0, 0].A}");
        Assert.True(image[300, 200].A > 240, $"centre alpha {image[300, 200].A}");
    }

    /// <summary>
    /// cmyk.jpg is an Adobe YCCK JPEG. The reference is ImageMagick's own conversion, made when the file was prepared:
    /// <c>convert cmyk.jpg -colorspace sRGB</c> has mean RGB (119.6, 116.7, 143.3), and its 8x5 box average is
    /// Media/reference/cmyk-srgb-8x5.png. A decoder that inverts the inks lands 16 to 32 levels off in the mean and
    /// much further per cell; we allow 8 levels per channel on the mean and 12 on average per cell.
    /// </summary>
    [Fact]
    public async Task Cmyk_DecodesToTheRightRgb()
    {
        var sut = await Client.GetReplyAsync("/img/local/cmyk.jpg?fm=png");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((640, 400), (image.Width, image.Height));
        var mean = Pixels.Mean(image);
        Assert.True(Math.Abs(mean.R - 119.6) < 8 && Math.Abs(mean.G - 116.7) < 8 && Math.Abs(mean.B - 143.3) < 8, $"mean colour {mean}");

        using var cells = Pixels.Resized(image, 8, 5);
        using var reference = Image.Load<Rgba32>(MediaFolder.Checkedin("reference/cmyk-srgb-8x5.png"));
        var difference = Pixels.MeanAbsoluteDifference(cells, reference);
        Assert.True(difference < 12, $"8x5 cells differ from ImageMagick's conversion by {difference:0.0} on average");
    }

    [Theory]
    [InlineData("", 240, 150)]
    [InlineData("&fm=gif", 240, 150)]
    [InlineData("&w=120", 120, 75)]
    public async Task AnimatedGif_KeepsItsFrames_AsGif(string query, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?{query}");

        Assert.Equal("image/gif", sut.ContentType);
        Assert.True(Magic.IsGif(sut.Body));
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(12, image.Frames.Count);
        using var first = image.Frames.CloneFrame(0);
        using var last = image.Frames.CloneFrame(11);
        Assert.True(Pixels.MeanAbsoluteDifference(first, last) > 1, "the frames should differ from each other");
    }

    [Theory]
    [InlineData("fm=jpg", "image/jpeg")]
    [InlineData("fm=png", "image/png")]
    [InlineData("fm=webp", "image/webp")]
    public async Task AnimatedGif_ToAStillFormat_GivesOneFrame(string query, string contentType)
    {
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?{query}");

        Assert.Equal(contentType, sut.ContentType);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((240, 150), (image.Width, image.Height));
        Assert.Single(image.Frames);
    }

    [Theory]
    [InlineData("gray16.png", "image/png", 100, 63)]
    [InlineData("path.bmp", "image/jpeg", 100, 63)]
    [InlineData("path.tiff", "image/jpeg", 100, 63)]
    [InlineData("progressive.jpg", "image/jpeg", 100, 63)]
    [InlineData("wood.webp", "image/webp", 100, 100)]
    [InlineData("one-pixel.png", "image/png", 100, 100)]
    public async Task OtherSourceEncodings_AreRead(string key, string contentType, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/{key}?w=100");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(contentType, sut.ContentType);
        Assert.Equal((width, height), Pixels.Size(sut.Body));
    }
}
