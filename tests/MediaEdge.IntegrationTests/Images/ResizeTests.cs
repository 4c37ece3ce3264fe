using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// w, h, dpr, fit, ar and rect through HTTP, checked on the decoded output. colorful-cups.jpg is 1280x800, small.jpg 640x400.
/// Expected sizes follow imgix: clip fits inside and may enlarge; max fits inside and never enlarges; fill and fillmax pad
/// to the box (fillmax without enlarging); crop fills the box and cuts; min crops to the box's ratio without exceeding the
/// source; scale stretches to the box.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class ResizeTests(ImageServer fixture) : ServerTest(fixture)
{
    [EngineTheory]
    [InlineData("colorful-cups.jpg", "", 1280, 800)]
    [InlineData("colorful-cups.jpg", "w=400", 400, 250)]
    [InlineData("colorful-cups.jpg", "h=200", 320, 200)]
    [InlineData("colorful-cups.jpg", "w=0.25", 320, 200)]
    [InlineData("colorful-cups.jpg", "h=0.5", 640, 400)]
    [InlineData("colorful-cups.jpg", "w=200&dpr=2", 400, 250)]
    [InlineData("colorful-cups.jpg", "w=100&h=100&fit=crop&dpr=3", 300, 300)]
    [InlineData("colorful-cups.jpg", "w=400&h=400", 400, 250)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=clip", 400, 250)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=max", 400, 250)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=crop", 400, 400)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=min", 400, 400)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=fill", 400, 400)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=fillmax", 400, 400)]
    [InlineData("colorful-cups.jpg", "w=400&h=400&fit=scale", 400, 400)]
    [InlineData("small.jpg", "w=1000&h=1000&fit=clip", 1000, 625)]
    [InlineData("small.jpg", "w=1000&h=1000&fit=max", 640, 400)]
    [InlineData("small.jpg", "w=1000&h=500&fit=min", 640, 320)]
    [InlineData("small.jpg", "w=1000&h=1000&fit=fillmax", 1000, 1000)]
    [InlineData("small.jpg", "w=1000&h=1000&fit=crop", 1000, 1000)]
    [InlineData("small.jpg", "", 640, 400)]
    [InlineData("one-pixel.png", "", 1, 1)]
    [InlineData("colorful-cups.jpg", "w=400&ar=16:9&fit=crop", 400, 225)]
    [InlineData("colorful-cups.jpg", "h=90&ar=16:9&fit=crop", 160, 90)]
    [InlineData("colorful-cups.jpg", "ar=1:1&fit=crop", 800, 800)]
    [InlineData("colorful-cups.jpg", "w=400&ar=16:9", 400, 250)]
    [InlineData("colorful-cups.jpg", "rect=640,400,640,400", 640, 400)]
    [InlineData("colorful-cups.jpg", "rect=640,400,640,400&w=320", 320, 200)]
    [InlineData("colorful-cups.jpg", "rect=1000,700,1000,1000", 280, 100)]
    public async Task Parameters_GiveTheImgixOutputSize(string key, string query, int width, int height)
    {
        var sut = await Client.GetOkAsync($"/img/local/{key}?{query}");

        Assert.Equal((width, height), Pixels.Size(sut.Body));
    }

    /// <summary>
    /// The output shows the source's picture, not just its size: it is compared with the test's own box-filter downscale of
    /// the source. At w=100 libvips shrinks the JPEG while decoding it (by 8), so that path is held to the same picture.
    /// </summary>
    [EngineTheory]
    [InlineData("w=400", 400, 250)]
    [InlineData("w=100", 100, 63)]
    [InlineData("w=400&h=400&fit=scale", 400, 400)]
    public async Task Output_ShowsTheSourcePicture(string query, int width, int height)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/colorful-cups.jpg?{query}&fm=png");
        using var source = Pixels.Load(MediaFolder.Shared.Read("colorful-cups.jpg"));
        using var expected = Pixels.Resized(source, width, height);
        Assert.Equal((width, height), (image.Width, image.Height));
        Likeness.AssertClose(expected, image, Tolerances.Resampling, $"{query} against the test's own downscale");
    }

    [EngineFact]
    public async Task Rect_CutsThatRegionOfTheSource()
    {
        using var whole = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?fm=png");
        using var sut = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?rect=640,400,640,400&fm=png");
        using var expected = whole.Clone(ctx => ctx.Crop(new Rectangle(640, 400, 640, 400)));

        Likeness.AssertClose(expected, sut, 0.5, "rect=640,400,640,400 against that region of the whole");
    }

    [EngineFact]
    public async Task FitScale_StretchesTheWholeImage_WhereCropWouldCutIt()
    {
        using var clip = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?w=400&fm=png");
        using var scale = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?w=400&h=400&fit=scale&fm=png");
        using var crop = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?w=400&h=400&fit=crop&fm=png");
        using var squashedScale = Pixels.Resized(scale, 400, 250);
        using var squashedCrop = Pixels.Resized(crop, 400, 250);

        var scaleDifference = Pixels.MeanAbsoluteDifference(squashedScale, clip);
        var cropDifference = Pixels.MeanAbsoluteDifference(squashedCrop, clip);
        Assert.True(scaleDifference < 6, $"fit=scale squashed back differs from the whole image by {scaleDifference:0.0}");
        Assert.True(cropDifference > 3 * scaleDifference, $"fit=crop ({cropDifference:0.0}) should differ far more than fit=scale ({scaleDifference:0.0})");
    }

    [EngineFact]
    public async Task FitFill_PadsWithBg_AndEnlarges_WhileFillmaxPadsWithoutEnlarging()
    {
        using var fill = await Client.GetPixelsAsync("/img/local/small.jpg?w=1000&h=1000&fit=fill&bg=ff0000&fm=png");
        using var fillmax = await Client.GetPixelsAsync("/img/local/small.jpg?w=1000&h=1000&fit=fillmax&bg=ff0000&fm=png");

        // fill: the 640x400 image grows to 1000x625, centred; bands above and below are bg.
        AssertRed(Pixels.Mean(fill, new Rectangle(0, 0, 1000, 180)));
        AssertNotRed(Pixels.Mean(fill, new Rectangle(0, 200, 170, 600)));

        // fillmax: the image stays 640x400 in the middle; the band on its left is bg too.
        AssertRed(Pixels.Mean(fillmax, new Rectangle(0, 0, 1000, 290)));
        AssertRed(Pixels.Mean(fillmax, new Rectangle(0, 310, 170, 380)));
        AssertNotRed(Pixels.Mean(fillmax, new Rectangle(190, 310, 620, 380)));
    }

    private static void AssertRed((double R, double G, double B) mean) =>
        Assert.True(mean.R > 240 && mean.G < 15 && mean.B < 15, $"expected bg red, got {mean}");

    private static void AssertNotRed((double R, double G, double B) mean) =>
        Assert.False(mean.R > 200 && mean.G < 40 && mean.B < 40, $"expected picture, got bg red {mean}");
}
