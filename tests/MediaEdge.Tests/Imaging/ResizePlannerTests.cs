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

    [Fact]
    public void Plan_ClipIntoSquare_KeepsAspectInsideTheBox()
    {
        var plan = Plan("fit=clip&w=100&h=100");

        AssertOutput(plan, 100, 67);
        Assert.Equal(new PixelRect(0, 0, 300, 200), plan.Crop);
        Assert.False(plan.Pads);
    }

    [Fact]
    public void Plan_ClipIsTheDefaultFit()
    {
        Assert.Equal(Plan("fit=clip&w=100&h=100"), Plan("w=100&h=100"));
    }

    [Fact]
    public void Plan_ClipLargerThanSource_Upscales()
    {
        AssertOutput(Plan("fit=clip&w=600&h=600"), 600, 400);
    }

    [Theory]
    [InlineData("fit=max&w=600&h=600", 300, 200)]
    [InlineData("fit=max&w=3000", 300, 200)]
    [InlineData("fit=max&w=100&h=100", 100, 67)]
    [InlineData("fit=max&w=150", 150, 100)]
    public void Plan_Max_NeverUpscales(string query, int width, int height)
    {
        AssertOutput(Plan(query), width, height);
    }

    [Theory]
    [InlineData("fit=scale&w=100&h=100", 100, 100)]
    [InlineData("fit=scale&w=600&h=50", 600, 50)]
    [InlineData("fit=scale&w=150", 150, 100)]
    public void Plan_Scale_IsExactlyTheBoxEvenDistorted(string query, int width, int height)
    {
        var plan = Plan(query);

        AssertOutput(plan, width, height);
        Assert.Equal(new PixelRect(0, 0, 300, 200), plan.Crop);
    }

    [Theory]
    [InlineData("", 50)]
    [InlineData("&crop=center", 50)]
    [InlineData("&crop=left", 0)]
    [InlineData("&crop=right", 100)]
    [InlineData("&crop=top,left", 0)]
    [InlineData("&crop=bottom,right", 100)]
    public void Plan_CropIntoSquare_IsExactWithHorizontalWindowByGravity(string crop, int x)
    {
        var plan = Plan("fit=crop&w=100&h=100" + crop);

        AssertOutput(plan, 100, 100);
        Assert.Equal(new PixelRect(x, 0, 200, 200), plan.Crop);
        Assert.False(plan.Pads);
    }

    [Theory]
    [InlineData("", 25)]
    [InlineData("&crop=top", 0)]
    [InlineData("&crop=bottom", 50)]
    [InlineData("&crop=left", 25)]
    [InlineData("&crop=bottom,left", 50)]
    public void Plan_CropIntoWideBox_IsExactWithVerticalWindowByGravity(string crop, int y)
    {
        var plan = Plan("fit=crop&w=100&h=50" + crop);

        AssertOutput(plan, 100, 50);
        Assert.Equal(new PixelRect(0, y, 300, 150), plan.Crop);
    }

    [Theory]
    [InlineData("0.5", 50)]
    [InlineData("0.4", 20)]
    [InlineData("0", 0)]
    [InlineData("0.9", 100)]
    [InlineData("1", 100)]
    public void Plan_CropAtFocalPoint_CentresTheWindowOnItWithinTheSource(string fpx, int x)
    {
        var plan = Plan($"fit=crop&w=100&h=100&crop=focalpoint&fp-x={fpx}&fp-y=0.1");

        AssertOutput(plan, 100, 100);
        Assert.Equal(new PixelRect(x, 0, 200, 200), plan.Crop);
    }

    [Fact]
    public void Plan_CropAtFocalPointVertically_MovesTheWindowDown()
    {
        var plan = Plan("fit=crop&w=100&h=50&crop=focalpoint&fp-y=0.8");

        Assert.Equal(new PixelRect(0, 50, 300, 150), plan.Crop);
    }

    [Fact]
    public void Plan_CropWithEntropy_UsesTheEngineLocatorWithinTheSource()
    {
        var spec = Spec("fit=crop&w=100&h=100&crop=entropy");

        var plan = ResizePlanner.Plan(SourceWidth, SourceHeight, spec, (region, w, h) => (region.Width - w + 40, 0));

        Assert.Equal(new PixelRect(100, 0, 200, 200), plan.Crop);
    }

    [Fact]
    public void Plan_CropWithEntropyAndNoLocator_FallsBackToCentre()
    {
        Assert.Equal(new PixelRect(50, 0, 200, 200), Plan("fit=crop&w=100&h=100&crop=entropy").Crop);
    }

    [Fact]
    public void Plan_CropLargerThanSource_Upscales()
    {
        var plan = Plan("fit=crop&w=600&h=600");

        AssertOutput(plan, 600, 600);
        Assert.Equal(new PixelRect(50, 0, 200, 200), plan.Crop);
    }

    [Fact]
    public void Plan_MinLargerThanSource_NeverExceedsTheSourcePixels()
    {
        var plan = Plan("fit=min&w=600&h=600");

        AssertOutput(plan, 200, 200);
        Assert.Equal(new PixelRect(50, 0, 200, 200), plan.Crop);
    }

    [Fact]
    public void Plan_MinWithWideBoxLargerThanSource_KeepsTheRequestedAspect()
    {
        var plan = Plan("fit=min&w=900&h=300");

        AssertOutput(plan, 300, 100);
        Assert.Equal(new PixelRect(0, 50, 300, 100), plan.Crop);
    }

    [Fact]
    public void Plan_MinSmallerThanSource_CropsLikeCrop()
    {
        Assert.Equal(Plan("fit=crop&w=100&h=100"), Plan("fit=min&w=100&h=100"));
    }

    [Fact]
    public void Plan_Fill_PadsToTheExactBoxWithTheImageCentred()
    {
        var plan = Plan("fit=fill&w=100&h=100");

        Assert.True(plan.Pads);
        Assert.Equal((100, 100), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((100, 67), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((0, 16), (plan.OffsetX, plan.OffsetY));
    }

    [Fact]
    public void Plan_FillLargerThanSource_Upscales()
    {
        var plan = Plan("fit=fill&w=600&h=600");

        Assert.Equal((600, 600), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((600, 400), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((0, 100), (plan.OffsetX, plan.OffsetY));
    }

    [Fact]
    public void Plan_FillMaxLargerThanSource_PadsWithoutUpscaling()
    {
        var plan = Plan("fit=fillmax&w=600&h=600");

        Assert.Equal((600, 600), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((300, 200), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((150, 200), (plan.OffsetX, plan.OffsetY));
    }

    [Fact]
    public void Plan_FillMaxSmallerThanSource_DownscalesAndPads()
    {
        var plan = Plan("fit=fillmax&w=100&h=100");

        Assert.Equal((100, 100), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((100, 67), (plan.ResizeWidth, plan.ResizeHeight));
    }

    [Theory]
    [InlineData("w=150", 150, 100)]
    [InlineData("h=50", 75, 50)]
    [InlineData("w=600", 600, 400)]
    [InlineData("fit=crop&w=150", 150, 100)]
    [InlineData("fit=fill&h=100", 150, 100)]
    public void Plan_OneDimension_KeepsTheSourceAspect(string query, int width, int height)
    {
        AssertOutput(Plan(query), width, height);
    }

    [Theory]
    [InlineData("w=0.5", 150, 100)]
    [InlineData("h=0.25", 75, 50)]
    [InlineData("w=1.0", 300, 200)]
    [InlineData("fit=scale&w=0.5&h=0.5", 150, 100)]
    public void Plan_RatioDimensions_AreFractionsOfTheSource(string query, int width, int height)
    {
        AssertOutput(Plan(query), width, height);
    }

    [Theory]
    [InlineData("w=100&dpr=2", 200, 133)]
    [InlineData("w=100&h=100&fit=crop&dpr=3", 300, 300)]
    [InlineData("w=0.5&dpr=2", 300, 200)]
    [InlineData("h=50&dpr=1.5", 113, 75)]
    public void Plan_Dpr_MultipliesTheRequestedSize(string query, int width, int height)
    {
        AssertOutput(Plan(query), width, height);
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

    [Fact]
    public void Plan_AspectRatioAloneWithCrop_CropsTheSourceToTheRatioAtItsOwnResolution()
    {
        var square = Plan("fit=crop&ar=1:1");
        var wide = Plan("fit=crop&ar=3:1");

        AssertOutput(square, 200, 200);
        Assert.Equal(new PixelRect(50, 0, 200, 200), square.Crop);
        AssertOutput(wide, 300, 100);
        Assert.Equal(new PixelRect(0, 50, 300, 100), wide.Crop);
    }

    [Fact]
    public void Plan_AspectRatioAloneWithFill_PadsTheSourceOutToTheRatio()
    {
        var plan = Plan("fit=fill&ar=1:1");

        Assert.Equal((300, 300), (plan.CanvasWidth, plan.CanvasHeight));
        Assert.Equal((300, 200), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal((0, 50), (plan.OffsetX, plan.OffsetY));
    }

    [Fact]
    public void Plan_AspectRatioWithClip_IsIgnored()
    {
        AssertOutput(Plan("fit=clip&ar=1:1&w=150"), 150, 100);
    }

    [Fact]
    public void Plan_Rect_CropsTheSourceBeforeResizing()
    {
        var plan = Plan("rect=30,20,150,100&w=75");

        Assert.Equal(new PixelRect(30, 20, 150, 100), plan.Crop);
        AssertOutput(plan, 75, 50);
    }

    [Fact]
    public void Plan_RectAlone_IsThatRegionAtFullResolution()
    {
        var plan = Plan("rect=100,50,100,100");

        Assert.Equal(new PixelRect(100, 50, 100, 100), plan.Crop);
        AssertOutput(plan, 100, 100);
    }

    [Fact]
    public void Plan_RectThenCropWithGravity_PositionsTheWindowInsideTheRect()
    {
        var plan = Plan("rect=100,0,200,200&fit=crop&w=50&h=100&crop=right");

        Assert.Equal(new PixelRect(200, 0, 100, 200), plan.Crop);
        AssertOutput(plan, 50, 100);
    }

    [Fact]
    public void Plan_RectPartlyOutside_IsClippedToTheSource()
    {
        var plan = Plan("rect=250,150,100,100");

        Assert.Equal(new PixelRect(250, 150, 50, 50), plan.Crop);
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

    [Fact]
    public void Plan_WidthOneOfWideSource_IsOneByOne()
    {
        AssertOutput(Plan("w=1"), 1, 1);
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
