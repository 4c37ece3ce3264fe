namespace MediaEdge.IntegrationTests.Security;

/// <summary>PresetsOnly with RequireSignature: a signed <c>?preset=</c> (with expires) is all a URL may carry.</summary>
public sealed class PresetsOnlyTests(PresetsOnlyTests.PresetsServer fixture) : ServerTest(fixture), IClassFixture<PresetsOnlyTests.PresetsServer>
{
    private const string Key = "presets-key";

    [Fact]
    public async Task SignedPreset_IsServedAsThePresetSays()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/img/local/small.jpg?preset=card", Key));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsPng(sut.Body));
        Assert.Equal((64, 36), Pixels.Size(sut.Body));
    }

    [Fact]
    public async Task SignedPreset_WithAnExpiry_IsServed()
    {
        var expires = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds();

        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign($"/img/local/small.jpg?preset=card&expires={expires}", Key));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((64, 36), Pixels.Size(sut.Body));
    }

    [Theory]
    [InlineData("preset=card&w=10", "w")]
    [InlineData("w=10&preset=card", "w")]
    [InlineData("preset=card&fm=jpg", "fm")]
    [InlineData("preset=card&blur=5", "blur")]
    [InlineData("w=10", "w")]
    [InlineData("fm=png", "fm")]
    public async Task SignedPreset_WithAFreeParameter_IsA400NamingIt(string query, string parameter)
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/img/local/small.jpg?" + query, Key));

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        var problem = sut.Problem();
        Assert.Equal("urn:mediaedge:problem:bad-parameter", problem.GetProperty("type").GetString());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains("PresetsOnly", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/img/local/small.jpg")]
    [InlineData("/img/local/small.jpg?preset=nope")]
    [InlineData("/img/local/small.jpg?preset=card&preset=card")]
    public async Task SignedUrl_WithoutOneKnownPreset_IsA400NamingPreset(string target)
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(target, Key));

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal("preset", sut.Problem().GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task UnsignedPreset_IsRefusedAsMissing()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, "/img/local/small.jpg?preset=card");

        SignatureProblems.AssertRefused(sut, "missing");
    }

    [Fact]
    public async Task PresetSwappedAfterSigning_IsRefusedAsInvalid()
    {
        var mac = HmacSigner.Mac("/img/local/small.jpg?preset=card", Key);

        var sut = await Client.SendRawAsync(HttpMethod.Get, "/img/local/small.jpg?preset=hero&s=" + mac);

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    public sealed class PresetsServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Security:SigningKeys:0"] = Key,
            ["MediaEdge:Security:RequireSignature"] = "true",
            ["MediaEdge:Security:PresetsOnly"] = "true",
            ["MediaEdge:Presets:card"] = "w=64&h=36&fit=crop&fm=png",
            ["MediaEdge:Presets:hero"] = "w=600&h=300&fit=crop",
        };
    }
}
