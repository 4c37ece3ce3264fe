using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// A source either engine renders, both render as the same picture: Media/formats/reference.png, held by every file here
/// (see Media/README.md) stored turned or mirrored with each container's orientation tag, or coded in each JPEG coding
/// mode. Each engine's output is held to the reference by <see cref="Pixels.CoarseDifference"/> within
/// <see cref="Tolerances.LossyCodec"/>, so the two are within twice that of each other, and a wrongly turned or mirrored
/// picture is several times further away.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class EngineParityTests(ImageServer fixture) : ServerTest(fixture)
{
    /// <summary>The file, and what a decoder that ignored its tag would show instead of the reference.</summary>
    [EngineTheory]
    [InlineData("jpeg-exif6.jpg", "turned")]
    [InlineData("png-exif6.png", "turned")]
    [InlineData("webp-exif6.webp", "turned")]
    [InlineData("tiff-orient6.tif", "turned")]
    [InlineData("avif-irot.avif", "turned")]
    [InlineData("avif-imir.avif", "mirrored")]
    public async Task OrientationTag_InEveryContainer_IsApplied(string file, string wrong)
    {
        foreach (var fm in new[] { "png", "webp" })
        {
            using var served = await Client.GetPixelsAsync($"/img/local/formats/{file}?fm={fm}");
            Assert.Equal((64, 40), (served.Width, served.Height));
            using var reference = Reference();
            using var mistaken = reference.Clone(ctx => _ = wrong == "turned" ? ctx.Rotate(RotateMode.Rotate180) : ctx.Flip(FlipMode.Vertical));
            var difference = Likeness.AssertCloseCoarse(reference, served, Tolerances.LossyCodec, $"{file} fm={fm} against the upright picture");
            Assert.True(Pixels.CoarseDifference(mistaken, served) > 4 * difference, $"{file} fm={fm} is {wrong} the wrong way");
        }

        var json = await Client.GetReplyAsync($"/img/local/formats/{file}?fm=json");
        Assert.Equal((64, 40), json.DescribedSize());
    }

    /// <summary>A turn asked for on top of the tag turns the upright picture (the tag first, then rot).</summary>
    [EngineTheory]
    [InlineData("tiff-orient6.tif")]
    [InlineData("png-exif6.png")]
    public async Task OrientationTag_ThenRot_TurnsTheUprightPicture(string file)
    {
        using var served = await Client.GetPixelsAsync($"/img/local/formats/{file}?fm=png&rot=90");
        using var reference = Reference();
        using var turned = reference.Clone(ctx => ctx.Rotate(RotateMode.Rotate90));
        Assert.Equal((turned.Width, turned.Height), (served.Width, served.Height));
        Likeness.AssertCloseCoarse(turned, served, Tolerances.LossyCodec, $"{file} rot=90 against the upright picture turned");
    }

    [EngineTheory]
    [InlineData("jpeg-baseline.jpg")]
    [InlineData("jpeg-progressive.jpg")]
    [InlineData("jpeg-arithmetic.jpg")]
    [InlineData("jpeg-arith-progressive.jpg")]
    [InlineData("jpeg-lossless.jpg")]
    [InlineData("jpeg-cmyk.jpg")]
    [InlineData("jpeg-gray.jpg")]
    [InlineData("jpeg-restart.jpg")]
    [InlineData("jpeg-411.jpg")]
    [InlineData("jpeg-440.jpg")]
    [InlineData("jpeg-444.jpg")]
    public async Task JpegCodingMode_IsThePicture(string file)
    {
        foreach (var query in new[] { "fm=png", "fm=jpg&q=95", "fm=png&w=32" })
        {
            using var served = await Client.GetPixelsAsync($"/img/local/formats/{file}?{query}");
            using var reference = Reference();
            if (query.EndsWith("w=32", StringComparison.Ordinal))
            {
                reference.Mutate(ctx => ctx.Resize(32, 20));
            }

            if (file == "jpeg-gray.jpg")
            {
                reference.Mutate(ctx => ctx.Grayscale(GrayscaleMode.Bt601));
            }

            Likeness.AssertCloseCoarse(reference, served, Tolerances.LossyCodec, $"{file} {query} against the picture it codes");
        }
    }

    private static Image<Rgba32> Reference() => Image.Load<Rgba32>(Path.Combine(AppContext.BaseDirectory, "Media", "formats", "reference.png"));
}
