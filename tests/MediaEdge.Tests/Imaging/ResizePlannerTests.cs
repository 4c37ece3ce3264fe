using MediaEdge.Imaging;
using MediaEdge.Negotiation;
using MediaEdge.Tests.Negotiation;

namespace MediaEdge.Tests.Imaging;

public sealed class ResizePlannerTests
{
    private const int SourceWidth = 300;
    private const int SourceHeight = 200;

    [Fact]
    public void Plan_NoSize_IsTheWholeSourceUnchanged()
    {
        var plan = Plan("fm=png");

        Assert.Equal(new ResizePlan(new PixelRect(0, 0, 300, 200), 300, 200, 300, 200, 0, 0), plan);
    }

    [Theory]
    // clip, the default, keeps the aspect inside the box and upscales; ar means nothing to it.
    [InlineData("fit=clip&w=600&h=600", 600, 400)]
    [InlineData("fit=clip&ar=1:1&w=150", 150, 100)]
    // max never upscales.
    [InlineData("fit=max&w=600&h=600", 300, 200)]
    [InlineData("fit=max&w=3000", 300, 200)]
    [InlineData("fit=max&w=100&h=100", 100, 67)]
    [InlineData("fit=max&w=150", 150, 100)]
    // One dimension keeps the source's aspect, never rounding the other below one pixel.
    [InlineData("w=150", 150, 100)]
    [InlineData("h=50", 75, 50)]
    [InlineData("w=600", 600, 400)]
    [InlineData("fit=crop&w=150", 150, 100)]
    [InlineData("fit=fill&h=100", 150, 100)]
    [InlineData("w=1", 1, 1)]
    // A ratio is a fraction of the source.
    [InlineData("w=0.5", 150, 100)]
    [InlineData("h=0.25", 75, 50)]
    [InlineData("w=1.0", 300, 200)]
    [InlineData("fit=scale&w=0.5&h=0.5", 150, 100)]
    // dpr multiplies the requested size.
    [InlineData("w=100&dpr=2", 200, 133)]
    [InlineData("w=100&h=100&fit=crop&dpr=3", 300, 300)]
    [InlineData("w=0.5&dpr=2", 300, 200)]
    [InlineData("h=50&dpr=1.5", 113, 75)]
    public void Plan_RequestedSize_IsTheOutput_UnlessMaxForbidsUpscaling(string query, int width, int height)
    {
        AssertOutput(Plan(query), width, height);
    }

    [Theory]
    // clip keeps the whole source, its aspect inside the box.
    [InlineData("fit=clip&w=100&h=100", 0, 0, 300, 200, 100, 67)]
    // scale is exactly the box, even distorted.
    [InlineData("fit=scale&w=100&h=100", 0, 0, 300, 200, 100, 100)]
    [InlineData("fit=scale&w=600&h=50", 0, 0, 300, 200, 600, 50)]
    [InlineData("fit=scale&w=150", 0, 0, 300, 200, 150, 100)]
    // crop into a square: a horizontal window by gravity, centred by default.
    [InlineData("fit=crop&w=100&h=100", 50, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=center", 50, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=left", 0, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=right", 100, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=top,left", 0, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=bottom,right", 100, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=entropy", 50, 0, 200, 200, 100, 100)]
    // crop into a wide box: a vertical window by gravity.
    [InlineData("fit=crop&w=100&h=50", 0, 25, 300, 150, 100, 50)]
    [InlineData("fit=crop&w=100&h=50&crop=top", 0, 0, 300, 150, 100, 50)]
    [InlineData("fit=crop&w=100&h=50&crop=bottom", 0, 50, 300, 150, 100, 50)]
    [InlineData("fit=crop&w=100&h=50&crop=left", 0, 25, 300, 150, 100, 50)]
    [InlineData("fit=crop&w=100&h=50&crop=bottom,left", 0, 50, 300, 150, 100, 50)]
    // crop at a focal point centres the window on it, within the source.
    [InlineData("fit=crop&w=100&h=100&crop=focalpoint&fp-x=0.5&fp-y=0.1", 50, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=focalpoint&fp-x=0.4&fp-y=0.1", 20, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=focalpoint&fp-x=0&fp-y=0.1", 0, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=focalpoint&fp-x=0.9&fp-y=0.1", 100, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=100&crop=focalpoint&fp-x=1&fp-y=0.1", 100, 0, 200, 200, 100, 100)]
    [InlineData("fit=crop&w=100&h=50&crop=focalpoint&fp-y=0.8", 0, 50, 300, 150, 100, 50)]
    // crop upscales; min never exceeds the source's pixels and keeps the requested aspect.
    [InlineData("fit=crop&w=600&h=600", 50, 0, 200, 200, 600, 600)]
    [InlineData("fit=min&w=600&h=600", 50, 0, 200, 200, 200, 200)]
    [InlineData("fit=min&w=900&h=300", 0, 50, 300, 100, 300, 100)]
    // ar alone with crop crops the source to the ratio at its own resolution.
    [InlineData("fit=crop&ar=1:1", 50, 0, 200, 200, 200, 200)]
    [InlineData("fit=crop&ar=3:1", 0, 50, 300, 100, 300, 100)]
    // rect crops the source before resizing, clipped to the source; a crop's gravity positions the window inside it.
    [InlineData("rect=30,20,150,100&w=75", 30, 20, 150, 100, 75, 50)]
    [InlineData("rect=100,50,100,100", 100, 50, 100, 100, 100, 100)]
    [InlineData("rect=100,0,200,200&fit=crop&w=50&h=100&crop=right", 200, 0, 100, 200, 50, 100)]
    [InlineData("rect=250,150,100,100", 250, 150, 50, 50, 50, 50)]
    public void Plan_Window_IsCutFromTheSource_AndScaledToTheOutputUnpadded(string query, int x, int y, int cropWidth, int cropHeight, int width, int height)
    {
        var plan = Plan(query);

        Assert.Equal(new PixelRect(x, y, cropWidth, cropHeight), plan.Crop);
        AssertOutput(plan, width, height);
        Assert.False(plan.Pads);
    }

    [Theory]
    // fill pads to the exact box with the image centred, upscaling.
    [InlineData("fit=fill&w=100&h=100", 100, 100, 100, 67, 0, 16)]
    [InlineData("fit=fill&w=600&h=600", 600, 600, 600, 400, 0, 100)]
    // fillmax pads without upscaling.
    [InlineData("fit=fillmax&w=600&h=600", 600, 600, 300, 200, 150, 200)]
    [InlineData("fit=fillmax&w=100&h=100", 100, 100, 100, 67, 0, 16)]
    // ar alone with fill pads the source out to the ratio.
    [InlineData("fit=fill&ar=1:1", 300, 300, 300, 200, 0, 50)]
    public void Plan_Fill_PadsTheResizedImageOntoTheCanvas(string query, int canvasWidth, int canvasHeight, int resizeWidth, int resizeHeight, int offsetX, int offsetY)
    {
        var plan = Plan(query);

        Assert.True(plan.Pads);
        Assert.Equal((canvasWidth, canvasHeight), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((resizeWidth, resizeHeight), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((offsetX, offsetY), (plan.OffsetX, plan.OffsetY));
    }

    [Fact]
    public void Plan_ClipIsTheDefaultFit()
    {
        Assert.Equal(Plan("fit=clip&w=100&h=100"), Plan("w=100&h=100"));
    }

    [Fact]
    public void Plan_CropWithEntropy_UsesTheEngineLocatorWithinTheSource()
    {
        var spec = Spec("fit=crop&w=100&h=100&crop=entropy");

        var plan = ResizePlanner.Plan(SourceWidth, SourceHeight, spec, (region, w, h) => (region.Width - w + 40, 0));

        Assert.Equal(new PixelRect(100, 0, 200, 200), plan.Crop);
    }

    [Fact]
    public void Plan_MinSmallerThanSource_CropsLikeCrop()
    {
        Assert.Equal(Plan("fit=crop&w=100&h=100"), Plan("fit=min&w=100&h=100"));
    }

    [Theory]
    [InlineData("fit=crop&ar=1:1&w=100", 100, 100)]
    [InlineData("fit=crop&ar=16:9&w=160", 160, 90)]
    [InlineData("fit=crop&ar=1:2&h=100", 50, 100)]
    [InlineData("fit=fill&ar=1:1&w=100", 100, 100)]
    public void Plan_AspectRatioWithOneDimension_DerivesTheOther(string query, int width, int height)
    {
        var plan = Plan(query);

        Assert.Equal((width, height), (plan.CanvasWidth, plan.CanvasHeight));
    }

    [Theory]
    [InlineData("rect=300,0,10,10")]
    [InlineData("rect=0,200,10,10")]
    [InlineData("rect=400,400,10,10")]
    [InlineData("rect=65535,65535,65535,65535")]
    public void Plan_RectOutsideTheImage_IsBadParameterNamingRect(string query)
    {
        var spec = Spec(query);

        var problem = ProblemAssert.BadParameter("rect", () => ResizePlanner.Plan(SourceWidth, SourceHeight, spec));

        Assert.Contains("300x200", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w=1", 300, 200)]
    [InlineData("h=1", 300, 200)]
    [InlineData("w=1&h=1&fit=crop", 300, 200)]
    [InlineData("w=1&h=1&fit=fill", 300, 200)]
    [InlineData("w=10", 10000, 1)]
    [InlineData("h=10", 1, 10000)]
    [InlineData("w=0.0001", 300, 200)]
    [InlineData("w=1&h=8192&fit=scale", 300, 200)]
    [InlineData("fit=min&w=1&h=8192", 300, 200)]
    [InlineData("fit=crop&ar=100:1", 50, 50)]
    [InlineData("fit=crop&ar=1:100", 50, 50)]
    [InlineData("fit=crop&w=8192&h=1", 1, 1)]
    [InlineData("fit=crop&w=1&h=8192", 1, 1)]
    public void Plan_ExtremeShapes_NeverRoundToZeroPixels(string query, int width, int height)
    {
        var plan = ResizePlanner.Plan(width, height, Spec(query));

        Assert.True(plan.CanvasWidth >= 1 && plan.CanvasHeight >= 1, $"canvas {plan.CanvasWidth}x{plan.CanvasHeight}");
        Assert.True(plan.ResizeWidth >= 1 && plan.ResizeHeight >= 1, $"resize {plan.ResizeWidth}x{plan.ResizeHeight}");
        Assert.True(plan.Crop.Width >= 1 && plan.Crop.Height >= 1, $"crop {plan.Crop}");
        Assert.True(plan.Crop.X + plan.Crop.Width <= width && plan.Crop.Y + plan.Crop.Height <= height, $"crop {plan.Crop} outside {width}x{height}");
    }

    private static TransformSpec Spec(string query) =>
        SpecNegotiatorTests.Negotiate(query, null, Engines.Managed).Spec;

    private static ResizePlan Plan(string query) => ResizePlanner.Plan(SourceWidth, SourceHeight, Spec(query));

    private static void AssertOutput(ResizePlan plan, int width, int height)
    {
        Assert.Equal((width, height), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((width, height), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((0, 0), (plan.OffsetX, plan.OffsetY));
    }
}
