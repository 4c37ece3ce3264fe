using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>What the service must keep from a source (orientation, alpha, colour, frames) and what it must drop (metadata).</summary>
[Collection(ImageServer.Collection)]
public sealed class SourceFidelityTests(ImageServer fixture) : ServerTest(fixture)
{
    /// <summary>What colorful-cups.jpg carries besides pixels: EXIF with GPS, XMP, an ICC profile, the camera maker and a place name.</summary>
    internal static string[] MetadataMarkers { get; } = ["Exif", "GPS", "http://ns.adobe.com/xap/1.0/", "ICC_PROFILE", "SONY", "Aarhus"];

    /// <summary>orientation-6.jpg is colorful-cups stored turned a quarter anticlockwise (800x1280) with EXIF Orientation 6.</summary>
    [EngineFact]
    public async Task Orientation6_IsServedUpright()
    {
        using var upright = await Client.GetPixelsAsync("/img/local/orientation-6.jpg?w=400&fm=png");
        using var expected = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?w=400&fm=png");
        using var upsideDown = expected.Clone(ctx => ctx.Rotate(RotateMode.Rotate180));
        Assert.Equal((400, 250), (upright.Width, upright.Height));
        var difference = Likeness.AssertClose(expected, upright, 6, "orientation-6 upright against colorful-cups");
        Assert.True(Pixels.MeanAbsoluteDifference(upright, upsideDown) > 4 * difference, "turned the wrong way");
    }

    [EngineFact]
    public async Task Orientation6_PlainRequest_IsLandscape_AndCarriesNoOrientationTag()
    {
        var sut = await Client.GetReplyAsync("/img/local/orientation-6.jpg");

        Assert.Equal("image/jpeg", sut.ContentType);
        var info = Image.Identify(sut.Body);
        Assert.Equal((1280, 800), (info.Width, info.Height));
        Assert.Null(info.Metadata.ExifProfile);
    }

    [EngineTheory]
    [InlineData("jpg")]
    [InlineData("webp")]
    [InlineData("png")]
    public async Task Metadata_IsStripped(string fm)
    {
        var source = MediaFolder.Shared.Read("colorful-cups.jpg");
        Assert.All(MetadataMarkers, marker => Assert.True(Magic.Contains(source, marker), $"the source should hold '{marker}'"));
        var sourceInfo = Image.Identify(source);
        Assert.NotNull(sourceInfo.Metadata.ExifProfile);
        Assert.NotNull(sourceInfo.Metadata.XmpProfile);
        Assert.NotNull(sourceInfo.Metadata.IccProfile);

        var sut = await Client.GetOkAsync($"/img/local/colorful-cups.jpg?w=400&fm={fm}");

        Assert.All(MetadataMarkers, marker => Assert.False(Magic.Contains(sut.Body, marker), $"fm={fm} output holds '{marker}'"));
        var info = Image.Identify(sut.Body);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.Null(info.Metadata.XmpProfile);
        Assert.Null(info.Metadata.IccProfile);
        Assert.Null(info.Metadata.IptcProfile);
    }

    [EngineTheory]
    [InlineData("", "image/png")]
    [InlineData("&fm=png", "image/png")]
    [InlineData("&fm=webp", "image/webp")]
    public async Task Alpha_IsKept_InFormatsThatHaveIt(string fm, string contentType)
    {
        var sut = await Client.GetReplyAsync($"/img/local/alpha.png?w=600{fm}");

        sut.AssertImage(contentType, 600, 400);
        using var image = Pixels.Load(sut.Body);
        Assert.True(image[0, 0].A < 16, $"corner alpha {image[0, 0].A}");
        Assert.True(image[300, 200].A > 240, $"centre alpha {image[300, 200].A}");
    }

    /// <summary>
    /// cmyk.jpg is an Adobe YCCK JPEG. The reference is ImageMagick's own conversion, made when the file was prepared:
    /// <c>convert cmyk.jpg -colorspace sRGB</c> has mean RGB (119.6, 116.7, 143.3), and its 8x5 box average is
    /// Media/reference/cmyk-srgb-8x5.png. The bounds are <see cref="Tolerances.CmykMean"/> and <see cref="Tolerances.CmykCells"/>.
    /// </summary>
    [EngineFact]
    public async Task Cmyk_DecodesToTheRightRgb()
    {
        using var image = await Client.GetPixelsAsync("/img/local/cmyk.jpg?fm=png");
        Assert.Equal((640, 400), (image.Width, image.Height));
        var mean = Pixels.Mean(image);
        Assert.True(Math.Abs(mean.R - 119.6) < Tolerances.CmykMean && Math.Abs(mean.G - 116.7) < Tolerances.CmykMean && Math.Abs(mean.B - 143.3) < Tolerances.CmykMean, $"mean colour {mean}");

        using var cells = Pixels.Resized(image, 8, 5);
        using var reference = Image.Load<Rgba32>(MediaFolder.Checkedin("reference/cmyk-srgb-8x5.png"));
        Likeness.AssertClose(reference, cells, Tolerances.CmykCells, "8x5 cells against ImageMagick's conversion, on average");
    }

    /// <summary>animated.gif stays a 12-frame animation as GIF, resized or not, and is one frame in a still format.</summary>
    [EngineTheory]
    [InlineData("", "image/gif", 240, 150, 12)]
    [InlineData("&fm=gif", "image/gif", 240, 150, 12)]
    [InlineData("&w=120", "image/gif", 120, 75, 12)]
    [InlineData("fm=jpg", "image/jpeg", 240, 150, 1)]
    [InlineData("fm=png", "image/png", 240, 150, 1)]
    public async Task AnimatedGif_KeepsItsFramesAsGif_AndIsOneFrameInAStillFormat(string query, string contentType, int width, int height, int frames)
    {
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?{query}");

        sut.AssertImage(contentType, width, height);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal(frames, image.Frames.Count);
        using var first = image.Frames.CloneFrame(0);
        using var last = image.Frames.CloneFrame(frames - 1);
        Assert.True(frames == 1 || Pixels.MeanAbsoluteDifference(first, last) > 1, "the frames should differ from each other");
    }

    /// <summary>
    /// WebP can hold an animation. An engine that animates WebP keeps all 12 frames, in order (12 ANMF chunks on a 240x150
    /// canvas, each showing the GIF's frame); one that does not gives the first frame as a still WebP.
    /// </summary>
    [EngineFact]
    public async Task AnimatedGif_AsWebp_KeepsItsFrames_WhereTheEngineAnimatesWebp()
    {
        var sut = await Client.GetReplyAsync("/img/local/animated.gif?fm=webp");

        Assert.Equal("image/webp", sut.ContentType);
        var chunks = Containers.WebpChunks(sut.Body);
        using var source = Image.Load<Rgba32>(MediaFolder.Shared.Read("animated.gif"));
        if (!Engine.AnimatesWebp)
        {
            Assert.DoesNotContain("ANMF", chunks);
            using var still = Pixels.Load(sut.Body);
            Assert.Equal((240, 150), (still.Width, still.Height));
            Assert.Single(still.Frames);
            AssertSameFrame(source, still, 0, Pixels.CoarseDifference, Tolerances.LossyCodec);
            return;
        }

        Assert.Contains("ANIM", chunks);
        Assert.Equal(12, chunks.Count(chunk => chunk == "ANMF"));
        Assert.Equal((240, 150), Containers.WebpCanvas(sut.Body));
        using var image = Pixels.LoadWithVips(sut.Body);
        Assert.Equal((240, 150, 12), (image.Width, image.Height, image.Frames.Count));
        for (var frame = 0; frame < 12; frame++)
        {
            AssertSameFrame(source, image, frame, Pixels.CoarseDifference, Tolerances.LossyCodec);
        }
    }

    /// <summary>
    /// Geometry applies to every frame of an animation, not to the first alone nor by stretching the strip: each frame of
    /// the output matches the same frame of the plain output (240x150) cut, turned or mirrored by the test itself.
    /// </summary>
    [EngineTheory]
    [InlineData("w=100&h=100&fit=crop", 100, 100)]
    [InlineData("w=120&flip=h", 120, 75)]
    [InlineData("w=75&rot=90", 75, 120)]
    public async Task AnimatedGif_Geometry_AppliesToEveryFrame(string query, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?{query}");
        using var whole = await Client.GetPixelsAsync("/img/local/animated.gif");

        Assert.Equal("image/gif", sut.ContentType);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((width, height, 12), (image.Width, image.Height, image.Frames.Count));
        using var expected = whole.Clone(ctx =>
        {
            _ = query switch
            {
                "w=100&h=100&fit=crop" => ctx.Crop(new Rectangle(45, 0, 150, 150)).Resize(100, 100),
                "w=120&flip=h" => ctx.Resize(120, 75).Flip(FlipMode.Horizontal),
                _ => ctx.Resize(120, 75).Rotate(RotateMode.Rotate90),
            };
        });
        for (var frame = 0; frame < 12; frame++)
        {
            AssertSameFrame(expected, image, frame, Pixels.MeanAbsoluteDifference, Tolerances.GifPalette);
        }
    }

    [EngineTheory]
    [InlineData("gray16.png", "image/png", 100, 63)]
    [InlineData("path.bmp", "image/jpeg", 100, 63)]
    [InlineData("path.tiff", "image/jpeg", 100, 63)]
    [InlineData("progressive.jpg", "image/jpeg", 100, 63)]
    [InlineData("wood.webp", "image/webp", 100, 100)]
    [InlineData("one-pixel.png", "image/png", 100, 100)]
    public async Task OtherSourceEncodings_AreRead(string key, string contentType, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/{key}?w=100");

        sut.AssertImage(contentType, width, height);
    }

    /// <summary>
    /// Each source decodes to the picture ImageSharp's own decoder sees (compared as a lossless PNG at the source's size),
    /// not just to the right size: not garbage, not upside down (BMP stores its rows bottom-up), not darkened (16-bit samples).
    /// </summary>
    [EngineTheory]
    [InlineData("gray16.png")]
    [InlineData("path.bmp")]
    [InlineData("path.tiff")]
    [InlineData("progressive.jpg")]
    [InlineData("wood.webp")]
    public async Task OtherSourceEncodings_DecodeToTheSourcePixels(string key)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/{key}?fm=png");
        using var source = Pixels.Load(MediaFolder.Shared.Read(key));
        Assert.Equal((source.Width, source.Height), (image.Width, image.Height));
        Likeness.AssertClose(source, image, Tolerances.Decoding, $"{key} against ImageSharp's reading of it");
    }

    private static void AssertSameFrame(Image<Rgba32> expected, Image<Rgba32> actual, int frame, Func<Image<Rgba32>, Image<Rgba32>, double> measure, double tolerance)
    {
        using var want = expected.Frames.CloneFrame(frame);
        using var got = actual.Frames.CloneFrame(frame);
        Likeness.AssertWithin(measure, want, got, tolerance, $"frame {frame} against the expected one");
    }
}
