using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.TestMedia;

/// <summary>The generated hostile files are what the media README describes, and the writers make files a decoder accepts.</summary>
public sealed class GeneratedMediaTests
{
    [Fact]
    public void Bomb_Is30000Squared_InUnderAMegabyte()
    {
        var path = MediaFolder.Shared.PathOf("bad/bomb-900mp.png");

        var info = Image.Identify(File.ReadAllBytes(path));

        Assert.Equal((30000, 30000), (info.Width, info.Height));
        Assert.InRange(new FileInfo(path).Length, 500_000, 1_000_000);
    }

    [Theory]
    [InlineData("bad/frames-3000.gif", 160, 3000)]
    [InlineData("bad/frames-20-of-36mp.gif", 6000, 20)]
    public void FramesGif_HasTheFramesAndSize(string key, int side, int frames)
    {
        var bytes = MediaFolder.Shared.Read(key);

        var info = Image.Identify(bytes);

        Assert.Equal((side, side), (info.Width, info.Height));
        Assert.Equal(frames, CountFrames(bytes));
        Assert.True(bytes.Length < 1_000_000, $"{key} is {bytes.Length} bytes");
    }

    [Fact]
    public void HugeDimsFrame_ClaimsItInItsFrameHeader()
    {
        var info = Image.Identify(MediaFolder.Shared.Read("bad/huge-dims-frame.jpg"));

        Assert.Equal((65000, 65000), (info.Width, info.Height));
    }

    [Theory]
    [InlineData(16, 16, 3)]
    [InlineData(3000, 3000, 1)]
    public void FlatGifWriter_WritesFramesADecoderReadsAsTheColour(int width, int height, int frames)
    {
        var path = Path.Combine(MediaFolder.Shared.Root, "fresh", $"flat-{width}x{height}-{Guid.NewGuid():N}.gif");
        FlatGifWriter.Write(path, width, height, frames);

        using var image = Image.Load<Rgba32>(path);

        Assert.Equal((width, height, frames), (image.Width, image.Height, image.Frames.Count));
        var (r, g, b) = FlatGifWriter.Colour;
        for (var f = 0; f < frames; f++)
        {
            using var frame = image.Frames.CloneFrame(f);
            Assert.Equal(new Rgba32(r, g, b), frame[0, 0]);
            Assert.Equal(new Rgba32(r, g, b), frame[width - 1, height - 1]);
            Assert.Equal(new Rgba32(r, g, b), frame[width / 2, height / 3]);
        }
    }

    [Fact]
    public void PngBombWriter_WritesAPngADecoderReadsAsZeros()
    {
        var path = Path.Combine(MediaFolder.Shared.Root, "fresh", $"zeros-{Guid.NewGuid():N}.png");
        PngBombWriter.Write(path, 300, 700);

        using var image = Image.Load<L8>(path);

        Assert.Equal((300, 700), (image.Width, image.Height));
        Assert.Equal(default, image[0, 0]);
        Assert.Equal(default, image[299, 699]);
        Assert.Equal(default, image[150, 350]);
    }

    /// <summary>Counts image descriptors by walking the GIF's blocks, independently of the service's own probe.</summary>
    private static int CountFrames(ReadOnlySpan<byte> gif)
    {
        var pos = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        var frames = 0;
        while (gif[pos] != 0x3B)
        {
            if (gif[pos] == 0x2C)
            {
                frames++;
                var packed = gif[pos + 9];
                pos += 10 + ((packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0) + 1;
            }
            else
            {
                Assert.Equal(0x21, gif[pos]);
                pos += 2;
            }

            while (gif[pos] != 0)
            {
                pos += gif[pos] + 1;
            }

            pos++;
        }

        Assert.Equal(BinaryPrimitives.ReadUInt16LittleEndian(gif[6..]), BinaryPrimitives.ReadUInt16LittleEndian(gif[8..]));
        return frames;
    }
}
