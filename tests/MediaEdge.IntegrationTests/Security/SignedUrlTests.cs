namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// /img/ with RequireSignature: s is last and is the HMAC of the path and query exactly as sent, under any configured
/// key, until its expires. Every refusal is a 403 problem that names its reason and is checked before any other work.
/// </summary>
[Collection(SigningServer.Collection)]
public sealed class SignedUrlTests(SigningServer fixture) : ServerTest(fixture)
{
    private const string Target = "/img/local/small.jpg?w=64&fm=png";
    private readonly SigningServer _fixture = fixture;

    private long Now => _fixture.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Theory]
    [InlineData(SigningServer.NewKey)]
    [InlineData(SigningServer.OldKey)]
    public async Task SignedWithEitherConfiguredKey_IsServed(string key)
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(Target, key));

        AssertServed(sut, 64, 40);
    }

    [Fact]
    public async Task SignedPathWithoutAQuery_IsServed()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/img/local/small.jpg", SigningServer.NewKey));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((640, 400), Pixels.Size(sut.Body));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Unsigned_IsRefusedAsMissing(string method)
    {
        var sut = await Client.SendRawAsync(new HttpMethod(method), Target);

        if (method == "HEAD")
        {
            Assert.Equal(HttpStatusCode.Forbidden, sut.Status);
            Assert.Equal("no-store", sut.Header("Cache-Control"));
            Assert.Empty(sut.Body);
            return;
        }

        SignatureProblems.AssertRefused(sut, "missing");
    }

    /// <summary>Only a lowercase <c>s</c> parameter, unencoded, is a signature; look-alikes leave the URL unsigned.</summary>
    [Theory]
    [InlineData("&S=")]
    [InlineData("&%73=")]
    [InlineData("%26s%3D")]
    [InlineData("&sig=")]
    public async Task SignatureUnderAnotherName_IsRefusedAsMissing(string separator)
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, Target + separator + HmacSigner.Mac(Target, SigningServer.NewKey));

        SignatureProblems.AssertRefused(sut, "missing");
    }

    /// <summary>The signature is checked first: no source is read and nothing is decoded for an unsigned URL, whatever it names.</summary>
    [Theory]
    [InlineData("/img/local/bad/bomb-900mp.png?w=10")]
    [InlineData("/img/nosuchsource/x.jpg?w=10")]
    [InlineData("/img/local/no/such/key.jpg")]
    [InlineData("/img/local/small.jpg?w=999999")]
    [InlineData("/img/local/..%2f..%2fetc%2fpasswd")]
    public async Task UnsignedUrl_IsRefusedBeforeAnyWork(string target)
    {
        var reads = Server.OriginReads;
        var transforms = Server.Transforms;

        var sut = await Client.SendRawAsync(HttpMethod.Get, target);

        SignatureProblems.AssertRefused(sut, "missing");
        Assert.Equal(reads, Server.OriginReads);
        Assert.Equal(transforms, Server.Transforms);
    }

    [Theory]
    [InlineData("last character changed")]
    [InlineData("one character short")]
    [InlineData("one character long")]
    [InlineData("empty")]
    [InlineData("base64 padding added")]
    [InlineData("upper-cased")]
    [InlineData("another URL's")]
    [InlineData("made with an unknown key")]
    [InlineData("percent-encoded")]
    public async Task TamperedSignature_IsRefusedAsInvalid(string how)
    {
        var mac = HmacSigner.Mac(Target, SigningServer.NewKey);
        var given = how switch
        {
            "last character changed" => mac[..^1] + (mac[^1] == 'A' ? 'B' : 'A'),
            "one character short" => mac[..^1],
            "one character long" => mac + "A",
            "empty" => "",
            "base64 padding added" => mac + "=",
            "upper-cased" => mac.ToUpperInvariant(),
            "another URL's" => HmacSigner.Mac("/img/local/small.jpg?w=65&fm=png", SigningServer.NewKey),
            "made with an unknown key" => HmacSigner.Mac(Target, "not-a-configured-key"),
            "percent-encoded" => string.Concat(mac.Select(c => "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture))),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        Assert.NotEqual(mac, given);

        var sut = await Client.SendRawAsync(HttpMethod.Get, Target + "&s=" + given);

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    /// <summary>The signature covers the path and query as sent, not their meaning: any change after signing is refused.</summary>
    [Theory]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=10&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?h=40&w=64")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=64&h=40&blur=20")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=64")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=6%34&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=64&h=40&")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=64&&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/small.jpg?w=+64&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/alpha.png?w=64&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local/%73mall.jpg?w=64&h=40")]
    [InlineData("/img/local/small.jpg?w=64&h=40", "/img/local//small.jpg?w=64&h=40")]
    [InlineData("/img/local/small.jpg", "/img/local/small.jpg?w=5000")]
    public async Task UrlChangedAfterSigning_IsRefusedAsInvalid(string signed, string sent)
    {
        var mac = HmacSigner.Mac(signed, SigningServer.NewKey);
        var original = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(signed, SigningServer.NewKey));

        var sut = await Client.SendRawAsync(HttpMethod.Get, sent + (sent.Contains('?', StringComparison.Ordinal) ? "&s=" : "?s=") + mac);

        Assert.Equal(HttpStatusCode.OK, original.Status);
        SignatureProblems.AssertRefused(sut, "invalid");
    }

    [Theory]
    [InlineData("{0}?w=64&s={1}&fm=png")]
    [InlineData("{0}?s={1}&w=64&fm=png")]
    public async Task SignatureNotLast_IsRefusedAsMalformed(string layout)
    {
        var mac = HmacSigner.Mac(Target, SigningServer.NewKey);

        var sut = await Client.SendRawAsync(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, layout, "/img/local/small.jpg", mac));

        SignatureProblems.AssertRefused(sut, "malformed");
    }

    [Fact]
    public async Task SignatureGivenTwice_IsRefusedAsInvalid()
    {
        var mac = HmacSigner.Mac(Target, SigningServer.NewKey);

        var sut = await Client.SendRawAsync(HttpMethod.Get, $"{Target}&s={mac}&s={mac}");

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    [InlineData(86400 * 365)]
    public async Task ExpiredSignature_IsRefusedAsExpired(int secondsAgo)
    {
        var target = $"{Target}&expires={Now - secondsAgo}";

        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(target, SigningServer.NewKey));

        SignatureProblems.AssertRefused(sut, "expired");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(86400 * 365)]
    public async Task SignatureExpiringNowOrLater_IsServed(int secondsAhead)
    {
        var target = $"{Target}&expires={Now + secondsAhead}";

        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(target, SigningServer.OldKey));

        AssertServed(sut, 64, 40);
    }

    [Fact]
    public async Task SignedUrl_IsServedUntilItsExpiry_ThenRefused()
    {
        var url = HmacSigner.Sign($"/img/local/small.jpg?w=32&expires={Now + 60}", SigningServer.NewKey);
        var before = await Client.SendRawAsync(HttpMethod.Get, url);

        _fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        var sut = await Client.SendRawAsync(HttpMethod.Get, url);

        AssertServed(before, 32, 20);
        SignatureProblems.AssertRefused(sut, "expired");
    }

    /// <summary>expires is signed with the rest: moving it later breaks the signature.</summary>
    [Fact]
    public async Task ExpiryExtendedAfterSigning_IsRefusedAsInvalid()
    {
        var expired = Now - 10;
        var mac = HmacSigner.Mac($"{Target}&expires={expired}", SigningServer.NewKey);

        var sut = await Client.SendRawAsync(HttpMethod.Get, $"{Target}&expires={Now + 3600}&s={mac}");

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    [Fact]
    public async Task SignedButMalformedExpiry_IsA400NamingExpires()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign($"{Target}&expires=tomorrow", SigningServer.NewKey));

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal("expires", sut.Problem().GetProperty("parameter").GetString());
    }

    /// <summary>A key name may hold <c>&amp;s=</c>: only the query's last s is the signature.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("?w=48")]
    public async Task KeyContainingSEquals_SignedProperly_IsServed(string query)
    {
        var key = $"fresh/sig&s=x-{Guid.NewGuid():N}.jpg";
        File.Copy(MediaFolder.Shared.PathOf("small.jpg"), MediaFolder.Shared.PathOf(key));

        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign($"/img/local/{key}{query}", SigningServer.NewKey));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(query == "" ? 640 : 48, Pixels.Size(sut.Body).Width);
    }

    private static void AssertServed(Reply sut, int width, int height)
    {
        Assert.True(sut.Status == HttpStatusCode.OK, sut.ToString());
        Assert.Equal((width, height), Pixels.Size(sut.Body));
        Assert.StartsWith("public", sut.Header("Cache-Control"), StringComparison.Ordinal);
    }
}
