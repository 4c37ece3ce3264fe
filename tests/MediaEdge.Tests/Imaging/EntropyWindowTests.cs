using MediaEdge.Imaging;

namespace MediaEdge.Tests.Imaging;

public sealed class EntropyWindowTests
{
    [Fact]
    public void Find_FlatLeftHalfAndNoisyRightHalf_PicksTheNoisyHalf()
    {
        var luma = Grid(64, 32, (x, _) => x >= 32);

        Assert.Equal((32, 0), EntropyWindow.Find(luma, 64, 32, 32, 32));
    }

    [Fact]
    public void Find_NoisyLeftHalfAndFlatRightHalf_PicksTheNoisyHalf()
    {
        var luma = Grid(64, 32, (x, _) => x < 32);

        Assert.Equal((0, 0), EntropyWindow.Find(luma, 64, 32, 32, 32));
    }

    [Fact]
    public void Find_FlatTopAndNoisyBottom_PicksTheBottom()
    {
        var luma = Grid(32, 64, (_, y) => y >= 32);

        Assert.Equal((0, 32), EntropyWindow.Find(luma, 32, 64, 32, 32));
    }

    [Fact]
    public void Find_LargeImage_SearchesACoarseGridAndStaysInside()
    {
        var luma = Grid(640, 100, (x, _) => x >= 400 && x < 500);

        var (x, y) = EntropyWindow.Find(luma, 640, 100, 100, 100);

        Assert.Equal(0, y);
        Assert.InRange(x, 400 - 18, 400 + 18);
    }

    [Fact]
    public void Find_SubjectOnPlainBackground_CentresTheSubject()
    {
        // Every window that holds the whole patch has the same histogram: the one nearest the centre should win.
        var luma = Grid(64, 64, (x, y) => x is >= 28 and < 36 && y is >= 28 and < 36);

        Assert.Equal((16, 16), EntropyWindow.Find(luma, 64, 64, 32, 32));
    }

    [Fact]
    public void Find_FlatImage_KeepsTheCentre()
    {
        var luma = Grid(64, 48, (_, _) => false);

        Assert.Equal((16, 8), EntropyWindow.Find(luma, 64, 48, 32, 32));
    }

    [Fact]
    public void Find_WindowLargerThanTheImage_IsTheOrigin()
    {
        var luma = Grid(10, 10, (x, _) => x > 5);

        Assert.Equal((0, 0), EntropyWindow.Find(luma, 10, 10, 50, 50));
    }

    /// <summary>Mid-grey everywhere except where <paramref name="noisy"/> holds: seeded noise there.</summary>
    private static byte[] Grid(int width, int height, Func<int, int, bool> noisy)
    {
        var random = new Random(7);
        var luma = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luma[(y * width) + x] = noisy(x, y) ? (byte)random.Next(256) : (byte)128;
            }
        }

        return luma;
    }
}
