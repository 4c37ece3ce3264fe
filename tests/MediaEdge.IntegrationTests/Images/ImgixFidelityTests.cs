namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// What imgix's own client libraries ask for, answered as imgix documents it: @imgix/js-core's fixed-width srcsets carry
/// dpr up to 5, its default srcset runs to w=8192, and imgix scales any output past its maximum down to fit.
/// colorful-cups.jpg is 1280x800.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class ImgixFidelityTests(ImageServer fixture) : ServerTest(fixture)
{
    private const long MaxOutputPixels = 16_777_216;

    [EngineTheory]
    [InlineData("w=400&dpr=5", 2000, 1250)]
    [InlineData("w=400&dpr=4.5", 1800, 1125)]
    [InlineData("w=400&dpr=0.75", 300, 188)]
    [InlineData("w=400&h=400&fit=crop&dpr=5", 2000, 2000)]
    public async Task DprInImgixRange_IsServedAtThatDensity(string query, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?{query}");

        sut.AssertImage("image/jpeg", width, height);
    }

    [EngineTheory]
    [InlineData("w=8192", 5181, 3238)]
    [InlineData("w=9000", 5181, 3238)]
    [InlineData("w=20000&h=100&fit=crop", 8192, 41)]
    [InlineData("h=65536&w=50&fit=scale", 6, 8192)]
    [InlineData("w=2000&dpr=5", 5181, 3238)]
    [InlineData("h=8192&w=100&fit=scale&dpr=2", 100, 8192)]
    public async Task OutputPastTheMaximum_IsScaledDownToFitKeepingTheAspectRatio(string query, int width, int height)
    {
        var sut = await Client.GetOkAsync($"/img/local/colorful-cups.jpg?{query}");

        Assert.Equal("image/jpeg", sut.ContentType);
        Assert.True(Magic.IsJpeg(sut.Body), "not a JPEG");
        var (w, h) = Pixels.Size(sut.Body);
        Assert.InRange(w, width - 4, width);
        Assert.InRange(h, height - 4, height);
        Assert.InRange((long)w * h, 1, MaxOutputPixels);
        Assert.InRange(Math.Max(w, h), 1, 8192);
    }

    [EngineFact]
    public async Task Png32_IsAFullColourPng()
    {
        var sut = await Client.GetReplyAsync("/img/local/alpha.png?w=64&fm=png32");

        sut.AssertImage("image/png", 64, 43);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal(0, Pixels.MinAlpha(image));
    }

    [EngineTheory]
    [InlineData("w=100&h=100&fit=facearea", "fit", "face detector")]
    [InlineData("w=100&h=100&fit=crop&crop=faces", "crop", "face detector")]
    [InlineData("w=100&h=100&fit=clamp", "fit", "clamp")]
    [InlineData("w=100&fm=png8", "fm", "png8")]
    [InlineData("w=100&auto=enhance", "auto", "enhance")]
    public async Task ImgixValueWeCannotHonour_IsA400SayingWhy(string query, string parameter, string reason)
    {
        var sut = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?{query}");

        sut.AssertRefused(parameter, reason);
    }
}
