namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Where fit=crop takes its window from. Each gravity is compared, pixel for pixel, with the same window asked for
/// explicitly by rect: colorful-cups.jpg is 1280x800, so a square crop takes an 800x800 window whose left edge is
/// 0 (left), 240 (center), 480 (right), or fp-x × 1280 − 400 clamped to that range (focalpoint).
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class CropTests(ImageServer fixture) : ServerTest(fixture)
{
    private const string Square = "/img/local/colorful-cups.jpg?w=400&h=400&fit=crop&fm=png";

    /// <summary>A 400x400 crop takes an 800x800 window, a 400x100 crop a 1280x320 band.</summary>
    [EngineTheory]
    [InlineData(400, 400, "crop=left", "0,0,800,800")]
    [InlineData(400, 400, "crop=right", "480,0,800,800")]
    [InlineData(400, 400, "crop=center", "240,0,800,800")]
    [InlineData(400, 400, "", "240,0,800,800")]
    [InlineData(400, 400, "crop=focalpoint&fp-x=0.4&fp-y=0.5", "112,0,800,800")]
    [InlineData(400, 400, "crop=focalpoint&fp-x=0.1", "0,0,800,800")]
    [InlineData(400, 400, "crop=focalpoint&fp-x=0.9", "480,0,800,800")]
    [InlineData(400, 100, "crop=top", "0,0,1280,320")]
    [InlineData(400, 100, "crop=bottom", "0,480,1280,320")]
    [InlineData(400, 100, "crop=focalpoint&fp-y=0.75", "0,440,1280,320")]
    public async Task Gravity_TakesTheWindowRectNames(int width, int height, string crop, string rect)
    {
        var asked = $"/img/local/colorful-cups.jpg?w={width}&h={height}&fit=crop&fm=png";
        using var sut = await Client.GetPixelsAsync($"{asked}&{crop}");
        using var expected = await Client.GetPixelsAsync($"{asked}&rect={rect}");

        Assert.Equal((width, height), (sut.Width, sut.Height));
        Likeness.AssertClose(expected, sut, 1, $"{width}x{height} {crop} against rect={rect}");
    }

    [EngineFact]
    public async Task LeftAndRight_ShowDifferentParts()
    {
        using var left = await Client.GetPixelsAsync($"{Square}&crop=left");
        using var right = await Client.GetPixelsAsync($"{Square}&crop=right");

        Assert.True(Pixels.MeanAbsoluteDifference(left, right) > 10);
    }

    /// <summary>entropy.png is 800x400: flat grey on the left half, noise on the right. The detailed window is the right square.</summary>
    [EngineFact]
    public async Task Entropy_MovesTheWindowToTheDetail()
    {
        const string Crop = "/img/local/entropy.png?w=200&h=200&fit=crop&fm=png";
        using var left = await Client.GetPixelsAsync($"{Crop}&crop=left");
        using var right = await Client.GetPixelsAsync($"{Crop}&crop=right");
        using var center = await Client.GetPixelsAsync($"{Crop}&crop=center");
        using var sut = await Client.GetPixelsAsync($"{Crop}&crop=entropy");

        Assert.True(Pixels.Detail(left) < 1, "the left square is flat");
        Assert.True(Pixels.Detail(sut) > 0.9 * Pixels.Detail(right), $"entropy detail {Pixels.Detail(sut):0.0}, right {Pixels.Detail(right):0.0}");
        Assert.True(Pixels.Detail(sut) > 1.5 * Pixels.Detail(center), $"entropy detail {Pixels.Detail(sut):0.0}, center {Pixels.Detail(center):0.0}");
    }
}
