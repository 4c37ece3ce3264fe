namespace MediaEdge.IntegrationTests.Errors;

/// <summary>Values out of range are a 400 naming the parameter, never clamped; unknown parameters are ignored.</summary>
[Collection(EdgeServer.Collection)]
public sealed class ParameterValidationTests(EdgeServer fixture) : ServerTest(fixture)
{
    [EngineTheory]
    [InlineData("w=0", "w")]
    [InlineData("w=65537", "w")]
    [InlineData("w=abc", "w")]
    [InlineData("w=12.5", "w")]
    [InlineData("h=-5", "h")]
    [InlineData("dpr=5.01", "dpr")]
    [InlineData("dpr=0", "dpr")]
    [InlineData("q=0", "q")]
    [InlineData("q=101", "q")]
    [InlineData("fit=stretch", "fit")]
    [InlineData("crop=middle", "crop")]
    [InlineData("crop=top,bottom", "crop")]
    [InlineData("fp-x=1.5", "fp-x")]
    [InlineData("ar=16x9", "ar")]
    [InlineData("rect=0,0,0,10", "rect")]
    [InlineData("rect=5000,0,10,10", "rect")]
    [InlineData("fm=tiff", "fm")]
    [InlineData("bg=zzz", "bg")]
    [InlineData("blur=2001", "blur")]
    [InlineData("sharp=101", "sharp")]
    [InlineData("rot=360", "rot")]
    [InlineData("flip=x", "flip")]
    [InlineData("ch=Viewport-Width", "ch")]
    [InlineData("auto=enhance", "auto")]
    [InlineData("w=100&w=200", "w")]
    [InlineData("preset=nope", "preset")]
    public async Task BadValue_IsA400NamingTheParameter(string query, string parameter)
    {
        var sut = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        var problem = sut.Problem();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(Magic.IsJpeg(sut.Body));
    }

    [EngineFact]
    public async Task OutputOverTheLimit_IsScaledDownToFitTheLimit()
    {
        // imgix scales an output past its maximum down to fit instead of refusing it; 64 MP scaled by 0.512 is exactly 16 MP.
        var sut = await Client.GetReplyAsync("/img/local/small.jpg?w=8000&h=8000&fit=scale");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsJpeg(sut.Body));
        Assert.Equal((4096, 4096), Pixels.Size(sut.Body));
    }

    [EngineFact]
    public async Task UnknownParameters_AreIgnored_AndKeptOutOfTheVariant()
    {
        var plain = await Client.GetReplyAsync("/img/local/small.jpg?w=100");
        var sut = await Client.GetReplyAsync("/img/local/small.jpg?w=100&utm_source=mail&x=1");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(plain.Header("ETag"), sut.Header("ETag"));
        Assert.Equal(["cache;desc=hit-l1"], sut.HeaderList("Server-Timing"));
    }

    [EngineFact]
    public async Task Preset_AppliesItsParameters()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?preset=thumb");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/png", sut.ContentType);
        Assert.Equal((64, 48), Pixels.Size(sut.Body));
    }
}
