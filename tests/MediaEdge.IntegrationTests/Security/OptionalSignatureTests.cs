namespace MediaEdge.IntegrationTests.Security;

/// <summary>With keys but RequireSignature off, unsigned URLs are served, and a signature that is present must still be valid.</summary>
public sealed class OptionalSignatureTests(OptionalSignatureTests.KeyedServer fixture) : ServerTest(fixture), IClassFixture<OptionalSignatureTests.KeyedServer>
{
    private const string Key = "optional-key";
    private const string Target = "/img/local/small.jpg?w=50";

    [Fact]
    public async Task Unsigned_IsServed()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, Target);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(50, Pixels.Size(sut.Body).Width);
    }

    [Fact]
    public async Task ValidlySigned_IsServed()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(Target, Key));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(50, Pixels.Size(sut.Body).Width);
    }

    [Fact]
    public async Task WronglySigned_IsRefusedAsInvalid()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(Target, "some other key"));

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    [Fact]
    public async Task SignedButExpired_IsRefusedAsExpired()
    {
        var expired = TimeProvider.System.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds();

        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign($"{Target}&expires={expired}", Key));

        SignatureProblems.AssertRefused(sut, "expired");
    }

    public sealed class KeyedServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Security:SigningKeys:0"] = Key,
        };
    }
}
