using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>blur, sharp, rot and flip, compared with the plain output (PNG, so only the adjustment differs).</summary>
[Collection(ImageServer.Collection)]
public sealed class AdjustmentTests(ImageServer fixture) : ServerTest(fixture)
{
    private const string Cups = "/img/local/colorful-cups.jpg?fm=png";

    [EngineFact]
    public async Task Blur_RemovesDetail_AndSharp_AddsIt()
    {
        using var plain = await Client.GetPixelsAsync($"{Cups}&w=400");
        using var blurred = await Client.GetPixelsAsync($"{Cups}&w=400&blur=40");
        using var sharpened = await Client.GetPixelsAsync($"{Cups}&w=400&sharp=80");

        double plainDetail = Pixels.Detail(plain), blurDetail = Pixels.Detail(blurred), sharpDetail = Pixels.Detail(sharpened);
        Assert.Equal((400, 250), (blurred.Width, blurred.Height));
        Assert.True(blurDetail < 0.6 * plainDetail, $"blur=40: detail {blurDetail:0.00}, plain {plainDetail:0.00}");
        Assert.True(sharpDetail > 1.1 * plainDetail, $"sharp=80: detail {sharpDetail:0.00}, plain {plainDetail:0.00}");
    }

    /// <summary>
    /// Each turn or mirror, against the plain output (at the size the adjusted one is asked for) turned or mirrored by the
    /// test itself; rot=90 of a w=400 request is the plain h=400 output turned.
    /// </summary>
    [EngineTheory]
    [InlineData("rot=90", "h=400", RotateMode.Rotate90, FlipMode.None, 400, 640)]
    [InlineData("rot=180", "w=400", RotateMode.Rotate180, FlipMode.None, 400, 250)]
    [InlineData("flip=h", "w=400", RotateMode.None, FlipMode.Horizontal, 400, 250)]
    [InlineData("flip=v", "w=400", RotateMode.None, FlipMode.Vertical, 400, 250)]
    [InlineData("flip=hv", "w=400", RotateMode.Rotate180, FlipMode.None, 400, 250)]
    public async Task RotAndFlip_TurnOrMirrorThePlainOutput(string adjustment, string plainSize, RotateMode turn, FlipMode mirror, int width, int height)
    {
        using var plain = await Client.GetPixelsAsync($"{Cups}&{plainSize}");
        using var sut = await Client.GetPixelsAsync($"{Cups}&w=400&{adjustment}");
        using var expected = plain.Clone(ctx => ctx.RotateFlip(turn, mirror));

        Assert.Equal((width, height), (sut.Width, sut.Height));
        Likeness.AssertClose(expected, sut, Tolerances.SamePixelsAnotherWay, $"{adjustment} against the plain output turned or mirrored");
        if ((plain.Width, plain.Height) == (width, height))
        {
            Assert.True(Pixels.MeanAbsoluteDifference(plain, sut) > 10, $"{adjustment}: the output must differ from the plain one");
        }
    }
}
