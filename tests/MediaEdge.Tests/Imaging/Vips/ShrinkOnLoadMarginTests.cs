using MediaEdge.Imaging;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Tests.Imaging.Vips;

/// <summary>
/// <see cref="ImagingOptions.ShrinkOnLoadMargin"/> on the peer benchmark's JPEG and WebP photos: at each margin the output
/// is the size a whole decode gives and SSIM 0.98 or more against it (PNG out, so the score is the resize's alone); and a
/// smaller margin decodes smaller, so its pixels differ from the larger margin's.
/// </summary>
public sealed class ShrinkOnLoadMarginTests
{
    private static readonly LimitsOptions Limits = new();

    [Theory]
    [InlineData("colorful-cups.jpg", 600)]
    [InlineData("colorful-cups.jpg", 300)]
    [InlineData("wood.webp", 640)]
    public void EachMargin_GivesTheWholeDecodesSize_AndPicture(string photo, int width)
    {
        var source = PeerPhotos.Read(photo);

        // A margin beyond the option's range (validated at start, taken as given by the engine): no shrink on load at all.
        var whole = Render(source, width, 1000);
        var tight = Render(source, width, 1);
        var wide = Render(source, width, 1.5);

        foreach (var image in new[] { tight, wide })
        {
            Assert.Equal((whole.Width, whole.Height), (image.Width, image.Height));
            var score = PeerPhotos.Score(whole, image);
            Assert.True(score >= 0.98, $"{photo} at {width} px: SSIM {score:0.0000} against the whole decode");
        }

        Assert.NotEqual(PeerPhotos.Luma(wide), PeerPhotos.Luma(tight));
    }

    private static EncodedImage Render(byte[] source, int width, double margin)
    {
        using var engine = new VipsEngine(Limits, new ImagingOptions { ShrinkOnLoadMargin = margin, LadderBytes = 0 });
        var plan = ImagePlanner.Create(engine.Identify(source), new TransformSpec { Width = Dimension.Pixels(width), Format = OutputFormat.Png }, Limits, engine.CanAnimate);
        return engine.Render(source, plan, CancellationToken.None);
    }
}
