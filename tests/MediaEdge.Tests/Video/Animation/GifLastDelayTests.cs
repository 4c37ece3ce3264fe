using MediaEdge.Video.Animation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.Tests.Video.Animation;

public sealed class GifLastDelayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Of_AGifWritten_IsItsLastFramesDelay_UnderTwoCountingAsTen(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var delays = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(0, 300)).ToArray();
            using var gif = new Image<Rgba32>(random.Next(1, 40), random.Next(1, 40), new Rgba32(0, 0, 0));
            gif.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = delays[0];
            foreach (var delay in delays.Skip(1))
            {
                using var frame = new Image<Rgba32>(gif.Width, gif.Height, new Rgba32((byte)random.Next(256), 10, 200));
                gif.Frames.AddFrame(frame.Frames.RootFrame).Metadata.GetGifMetadata().FrameDelay = delay;
            }

            using var bytes = new MemoryStream();
            gif.SaveAsGif(bytes);

            Assert.Equal(delays[^1] < 2 ? 10 : delays[^1], GifLastDelay.Of(bytes.ToArray()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("GIF89a")]
    [InlineData("PNG not a gif at all")]
    public void Of_BytesWithoutAnImage_IsNull(string text) => Assert.Null(GifLastDelay.Of(System.Text.Encoding.ASCII.GetBytes(text)));
}
