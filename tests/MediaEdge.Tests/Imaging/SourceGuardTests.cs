using MediaEdge.Imaging;
using MediaEdge.Limits;

namespace MediaEdge.Tests.Imaging;

public sealed class SourceGuardTests
{
    private static readonly LimitsOptions Limits = new()
    {
        MaxSourcePixels = 1_000_000,
        MaxSourceFrames = 10,
        MaxAnimationPixels = 2_000_000,
    };

    [Theory]
    [InlineData(1000, 1000, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(400, 500, 10)]
    [InlineData(100_000, 10, 1)]
    public void Check_SourceWithinEveryLimit_Passes(int width, int height, int frames)
    {
        var exception = Record.Exception(() => SourceGuard.Check(Source(width, height, frames), Limits));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData(1001, 1000)]
    [InlineData(65535, 65535)]
    [InlineData(1_000_001, 1)]
    public void Check_MorePixelsThanMaxSourcePixels_Is413NamingIt(int width, int height)
    {
        var problem = ProblemAssert.Limit(413, "MaxSourcePixels", () => SourceGuard.Check(Source(width, height, 1), Limits));

        Assert.Equal((long)width * height, problem.Extensions["actual"]);
        Assert.Equal(1_000_000L, problem.Extensions["max"]);
    }

    [Fact]
    public void Check_MoreFramesThanMaxSourceFrames_Is413NamingIt()
    {
        var problem = ProblemAssert.Limit(413, "MaxSourceFrames", () => SourceGuard.Check(Source(10, 10, 11), Limits));

        Assert.Equal(11L, problem.Extensions["actual"]);
    }

    [Theory]
    [InlineData(500, 500, 9, 2_250_000L)]
    [InlineData(1000, 1000, 3, 3_000_000L)]
    [InlineData(1000, 1001, 2, 2_002_000L)]
    public void Check_AnimationAboveMaxAnimationPixels_Is413NamingIt(int width, int height, int frames, long total)
    {
        var limits = new LimitsOptions { MaxSourcePixels = 5_000_000, MaxSourceFrames = 10, MaxAnimationPixels = 2_000_000 };

        var problem = ProblemAssert.Limit(413, "MaxAnimationPixels", () => SourceGuard.Check(Source(width, height, frames), limits));

        Assert.Equal(total, problem.Extensions["actual"]);
    }

    [Fact]
    public void Check_StillImageAsLargeAsAnAnimationBudget_IsNotAnAnimation()
    {
        var limits = new LimitsOptions { MaxSourcePixels = 5_000_000, MaxAnimationPixels = 1_000_000 };

        var exception = Record.Exception(() => SourceGuard.Check(Source(2000, 2000, 1), limits));

        Assert.Null(exception);
    }

    private static SourceInfo Source(int width, int height, int frames) =>
        new(SourceFormat.Gif, width, height, HasAlpha: true, frames, Orientation: 1);
}
