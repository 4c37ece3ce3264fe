namespace MediaEdge.IntegrationTests.Images;

/// <summary>Client hints count only where ch= names them (imgix's rule); the response then varies on them.</summary>
[Collection(ImageServer.Collection)]
public sealed class ClientHintTests(ImageServer fixture) : ServerTest(fixture)
{
    [EngineFact]
    public async Task WidthHint_SizesTheImage_WhenChNamesIt()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?ch=Width", null, ("Sec-CH-Width", "300"));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((300, 188), Pixels.Size(sut.Body));
        Assert.Contains("Sec-CH-Width", sut.HeaderList("Vary"));
        Assert.Contains("Width", sut.HeaderList("Vary"));
    }

    [EngineFact]
    public async Task Hints_AreIgnored_WithoutCh()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=200", null, ("Sec-CH-Width", "300"), ("Sec-CH-DPR", "2"), ("Save-Data", "on"));
        var plain = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=200");

        Assert.Equal((200, 125), Pixels.Size(sut.Body));
        Assert.Equal(plain.Body, sut.Body);
        Assert.Empty(sut.HeaderList("Vary"));
        Assert.Contains("Sec-CH-Width", sut.HeaderList("Accept-CH"));
    }

    [EngineFact]
    public async Task DprHint_MultipliesW()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=200&ch=DPR", null, ("Sec-CH-DPR", "2"));

        Assert.Equal((400, 250), Pixels.Size(sut.Body));
        Assert.Contains("Sec-CH-DPR", sut.HeaderList("Vary"));
        Assert.Contains("DPR", sut.HeaderList("Vary"));
    }

    [EngineTheory]
    [InlineData("5", 1000, 625)]
    [InlineData("7", 1000, 625)]
    [InlineData("0.5", 100, 63)]
    public async Task DprHint_TakesTheDprParametersRange(string hint, int width, int height)
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=200&ch=DPR", null, ("Sec-CH-DPR", hint));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var (w, h) = Pixels.Size(sut.Body);
        Assert.Equal(width, w);
        Assert.InRange(h, height - 1, height);
    }

    [EngineFact]
    public async Task ExplicitW_WinsOverTheWidthHint()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=200&ch=Width", null, ("Sec-CH-Width", "500"));

        Assert.Equal((200, 125), Pixels.Size(sut.Body));
    }

    [EngineFact]
    public async Task SaveData_GivesFewerBytes()
    {
        const string Url = "/img/local/colorful-cups.jpg?w=400&ch=Save-Data";
        var plain = await Client.GetReplyAsync(Url);
        var sut = await Client.GetReplyAsync(Url, null, ("Save-Data", "on"));

        Assert.Equal("image/jpeg", sut.ContentType);
        Assert.Equal((400, 250), Pixels.Size(sut.Body));
        Assert.True(sut.Body.Length < plain.Body.Length * Tolerances.CompressedJpegBytes, $"Save-Data: {sut.Body.Length} bytes, without: {plain.Body.Length} bytes");
        Assert.Contains("Save-Data", sut.HeaderList("Vary"));
        Assert.Contains("Save-Data", plain.HeaderList("Vary"));
    }

    [EngineFact]
    public async Task AllHints_AreListedInVary_AndAdvertisedInAcceptCh()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?ch=Width,DPR,Save-Data&auto=format", "image/webp", ("Sec-CH-Width", "320"), ("Sec-CH-DPR", "2"));

        Assert.Equal((320, 200), Pixels.Size(sut.Body));
        Assert.Equal(["Accept", "DPR", "Save-Data", "Sec-CH-DPR", "Sec-CH-Width", "Width"], sut.HeaderList("Vary").Order(StringComparer.Ordinal));
        Assert.Equal(["DPR", "Save-Data", "Sec-CH-DPR", "Sec-CH-Width", "Width"], sut.HeaderList("Accept-CH").Order(StringComparer.Ordinal));
    }
}
