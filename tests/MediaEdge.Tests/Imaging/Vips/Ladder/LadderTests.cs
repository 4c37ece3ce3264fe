using MediaEdge.Imaging;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Imaging.Vips.Ladder;

/// <summary>
/// The vips resize ladder on the peer benchmark's photos (a 1080x1920 PNG, a 2560x1600 JPEG, a 4096x4096 WebP): renders
/// of one source at several widths after the first start from its kept decode, and every one of them is the size the
/// direct path gives, byte for byte where the decode is the same one, and SSIM 0.99 or more from a larger one.
/// </summary>
public sealed class LadderTests
{
    private const string Identity = "bench/photo\n\"v1\"#1";
    private static readonly LimitsOptions Limits = new();

    /// <summary>Photo, order, and how many of the 9 later widths must come from the ladder.</summary>
    public static TheoryData<string, bool, int> Photos => new()
    {
        { "altai-portrait.png", true, 9 },
        { "altai-portrait.png", false, 9 },
        { "colorful-cups.jpg", true, 9 },

        // 400 decodes at 1/4 (640 wide), which holds 445 (1.4 times) but not 489: that decodes at 1/2 again.
        { "colorful-cups.jpg", false, 8 },
        { "wood.webp", true, 9 },

        // Each WebP decode is 1.5 times its width, so going up in 44 px steps only every other width fits in the last one.
        { "wood.webp", false, 2 },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void Widths_OfOneSource_ComeFromItsKeptDecode_AsTheDirectPathRendersThem(string photo, bool descending, int fromLadder)
    {
        using var sut = new VipsEngine(Limits, new ImagingOptions());
        using var direct = new VipsEngine(Limits, new ImagingOptions { LadderBytes = 0 });
        var source = PeerPhotos.Read(photo);
        var widths = Enumerable.Range(0, 10).Select(i => 800 - (i * 400 / 9)).ToArray();
        if (!descending)
        {
            Array.Reverse(widths);
        }

        var used = 0;
        foreach (var width in widths)
        {
            // PNG out, so the score is the resize's alone and not a lossy encoder's on top.
            var laddered = sut.Render(source, Plan(sut, source, width, OutputFormat.Png), CancellationToken.None);
            var expected = direct.Render(source, Plan(direct, source, width, OutputFormat.Png), CancellationToken.None);

            Assert.Equal((expected.Width, expected.Height), (laddered.Width, laddered.Height));
            Assert.Equal(LadderUse.None, expected.Ladder);
            if (laddered.Ladder == LadderUse.Same)
            {
                Assert.True(expected.Bytes.Span.SequenceEqual(laddered.Bytes.Span), $"{photo} at w={width} from the same decode differs from the direct render.");
            }

            var ssim = PeerPhotos.Score(expected, laddered);
            Console.WriteLine($"ladder-ssim {photo} {(descending ? "down" : "up")} w={width} {laddered.Ladder} {ssim:0.00000}");
            Assert.True(ssim >= 0.99, $"{photo} at w={width} ({laddered.Ladder}): SSIM {ssim:0.0000} against the direct render.");
            used += laddered.Ladder == LadderUse.None ? 0 : 1;
        }

        Assert.True(used >= fromLadder, $"{photo}: {used} of 9 later widths came from the ladder.");
    }

    [Fact]
    public void SrcsetWidths_780To800_AllComeFromTheFirstDecode()
    {
        using var sut = new VipsEngine(Limits, new ImagingOptions());
        foreach (var photo in new[] { "altai-portrait.png", "colorful-cups.jpg", "wood.webp" })
        {
            var source = PeerPhotos.Read(photo);
            var uses = Enumerable.Range(0, 10).Select(i => sut.Render(source, Plan(sut, source, 780 + (i * 20 / 9)), CancellationToken.None).Ladder).ToArray();

            Assert.Equal(LadderUse.None, uses[0]);
            Assert.DoesNotContain(LadderUse.None, uses[1..]);
        }
    }

    [Fact]
    public void KeptDecode_IsGone_AfterLadderSeconds()
    {
        var time = new FakeTimeProvider();
        using var sut = new VipsEngine(Limits, new ImagingOptions { LadderSeconds = 10 }, time);
        var source = PeerPhotos.Read("colorful-cups.jpg");
        sut.Render(source, Plan(sut, source, 800), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(9));
        var within = sut.Render(source, Plan(sut, source, 790), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var after = sut.Render(source, Plan(sut, source, 780), CancellationToken.None);

        Assert.Equal(LadderUse.Same, within.Ladder);
        Assert.Equal(LadderUse.None, after.Ladder);
    }

    [Fact]
    public void LadderBytes_BelowOneDecode_KeepsNothing()
    {
        // colorful-cups.jpg at w=800 decodes at 1/2: 1280x800x3 bytes.
        using var sut = new VipsEngine(Limits, new ImagingOptions { LadderBytes = (1280 * 800 * 3) - 1 });
        var source = PeerPhotos.Read("colorful-cups.jpg");

        var uses = new[] { 800, 790, 780 }.Select(w => sut.Render(source, Plan(sut, source, w), CancellationToken.None).Ladder);

        Assert.All(uses, use => Assert.Equal(LadderUse.None, use));
    }

    [Fact]
    public void PlanWithoutSourceIdentity_KeepsNothing()
    {
        using var sut = new VipsEngine(Limits, new ImagingOptions());
        var source = PeerPhotos.Read("colorful-cups.jpg");

        var uses = new[] { 800, 790 }.Select(w => sut.Render(source, Plan(sut, source, w) with { SourceIdentity = null }, CancellationToken.None).Ladder);

        Assert.All(uses, use => Assert.Equal(LadderUse.None, use));
    }

    [Fact]
    public void OtherSource_DoesNotUseTheKeptDecode()
    {
        using var sut = new VipsEngine(Limits, new ImagingOptions());
        var source = PeerPhotos.Read("colorful-cups.jpg");
        sut.Render(source, Plan(sut, source, 800), CancellationToken.None);

        var other = sut.Render(source, Plan(sut, source, 790) with { SourceIdentity = "bench/photo\n\"v2\"#1" }, CancellationToken.None);

        Assert.Equal(LadderUse.None, other.Ladder);
    }

    private static ImagePlan Plan(VipsEngine engine, byte[] source, int width, OutputFormat format = OutputFormat.Webp) =>
        ImagePlanner.Create(engine.Identify(source), new TransformSpec { Width = Dimension.Pixels(width), Format = format, Quality = 80 }, Limits, engine.CanAnimate) with { SourceIdentity = Identity };
}
