using MediaEdge.Requests;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Tests.Video.Transcode;

public sealed class ClipGeometryTests
{
    [Theory]
    // No box keeps the size, made even; one side keeps the aspect from the even side asked.
    [InlineData("", 1921, 1081, 1920, 1080, 1920, 1080, 0, 0)]
    [InlineData("w=640", 1920, 1080, 640, 360, 640, 360, 0, 0)]
    [InlineData("h=101", 1920, 1080, 178, 100, 178, 100, 0, 0)]
    // clip fits inside the box.
    [InlineData("w=300&h=300", 1920, 1080, 300, 168, 300, 168, 0, 0)]
    // crop covers the box and keeps its centre, an edge, or the focal point (as far as the picture reaches).
    [InlineData("w=200&h=200&fit=crop", 1920, 1080, 200, 200, 356, 200, 78, 0)]
    [InlineData("w=200&h=200&fit=crop&crop=left", 1920, 1080, 200, 200, 356, 200, 0, 0)]
    [InlineData("w=200&h=200&fit=crop&crop=right", 1920, 1080, 200, 200, 356, 200, 156, 0)]
    [InlineData("w=200&h=200&fit=crop&crop=focalpoint&fp-x=0.25", 1920, 1080, 200, 200, 356, 200, 0, 0)]
    [InlineData("w=200&h=200&fit=crop&crop=focalpoint&fp-x=0.6", 1920, 1080, 200, 200, 356, 200, 114, 0)]
    [InlineData("w=400&h=100&fit=crop&crop=bottom", 1920, 1080, 400, 100, 400, 225, 0, 125)]
    // fill pads the fitted picture, centred, to the box.
    [InlineData("w=300&h=300&fit=fill", 1920, 1080, 300, 300, 300, 168, 0, 66)]
    public void For_PlacesThePicture(string query, int sourceWidth, int sourceHeight, int width, int height, int scaledWidth, int scaledHeight, int x, int y)
    {
        var sut = ClipGeometry.For(ClipRequest.Parse("mp4", QueryText.Parse(query).ToList()), sourceWidth, sourceHeight);

        Assert.Equal((width, height, scaledWidth, scaledHeight, x, y), (sut.Width, sut.Height, sut.ScaledWidth, sut.ScaledHeight, sut.OffsetX, sut.OffsetY));
        Assert.True(sut.Width % 2 == 0 && sut.Height % 2 == 0);
    }

    [Fact]
    public void Fill_PadsWithBg()
    {
        var sut = ClipGeometry.For(ClipRequest.Parse("mp4", QueryText.Parse("w=300&h=300&fit=fill&bg=f00").ToList()), 1920, 1080);

        Assert.Equal(",pad=300:300:0:66:color=0xFF0000", sut.Placement);
    }

    [Fact]
    public void HigherQ_IsALowerCrf_InBothCodecs()
    {
        Assert.Equal((18, 24, 43), (ClipEncoding.X264Crf(100), ClipEncoding.X264Crf(75), ClipEncoding.X264Crf(1)));
        Assert.Equal((20, 29, 55), (ClipEncoding.Vp9Crf(100), ClipEncoding.Vp9Crf(75), ClipEncoding.Vp9Crf(1)));
        Assert.All(Enumerable.Range(1, 99), q => Assert.True(ClipEncoding.X264Crf(q + 1) <= ClipEncoding.X264Crf(q) && ClipEncoding.Vp9Crf(q + 1) <= ClipEncoding.Vp9Crf(q)));
    }
}
