using System.Security.Cryptography;
using System.Text;
using MediaEdge.Dialects;
using MediaEdge.Dialects.Imgproxy;
using MediaEdge.Requests;
using Microsoft.Extensions.Configuration;

namespace MediaEdge.Tests.Dialects;

/// <summary>imgproxy's URL signature (docs.imgproxy.net/signing_the_url) and its settings; its processing URLs are rows of <see cref="DialectTranslationTests"/>.</summary>
public sealed class ImgproxyDialectTests
{
    [Fact]
    public void Translate_TheDocsSignatureExample_IsAccepted_SoWhatRemainsIsItsSmartGravity()
    {
        // docs.imgproxy.net/signing_the_url: key "secret", salt "hello", and the signature the docs give.
        var sut = new ImgproxyDialect(new ImgproxyOptions { Key = "736563726574", Salt = "68656C6C6F" });

        var e = Assert.Throws<ProblemException>(() => Translate(sut, "oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"));
        var forged = Assert.Throws<ProblemException>(() => Translate(sut, "oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH9/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"));

        Assert.Equal((400, "g"), (e.Status, e.Extensions["parameter"]));
        Assert.Equal((403, "bad-signature"), (forged.Status, forged.Type));
    }

    [Fact]
    public void Verify_ImgproxysOwnTestVector_IsAccepted_WholeAndTruncatedToItsSize()
    {
        // imgproxy's security/signature_test.go: key "test-key", salt "test-salt", path "asd".
        var hex = (string s) => Convert.ToHexString(Encoding.ASCII.GetBytes(s));

        new ImgproxySignature(new ImgproxyOptions { Key = hex("test-key"), Salt = hex("test-salt") }).Verify("oWaL7QoW5TsgbuiS9-5-DI8S3Ibbo1gdB2SteJh3a20", "asd");
        new ImgproxySignature(new ImgproxyOptions { Key = hex("test-key"), Salt = hex("test-salt"), SignatureSize = 8 }).Verify("oWaL7QoW5Ts", "asd");
        var e = Assert.Throws<ProblemException>(() => new ImgproxySignature(new ImgproxyOptions { Key = hex("test-key"), Salt = hex("test-salt") }).Verify("oWaL7QoW5Ts", "asd"));

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public void Translate_WithAKey_TakesTheHmacOfSaltAndPath_AndRefusesAnyOther()
    {
        var key = RandomNumberGenerator.GetBytes(64);
        var salt = RandomNumberGenerator.GetBytes(32);
        var sut = new ImgproxyDialect(new ImgproxyOptions { Key = Convert.ToHexString(key), Salt = Convert.ToHexStringLower(salt) });
        const string Path = "/rs:fit:300:0/q:70/plain/local:///cups.jpg@webp";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. salt, .. Encoding.UTF8.GetBytes(Path)])).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var request = Translate(sut, signature + Path);
        var insecure = Assert.Throws<ProblemException>(() => Translate(sut, "insecure" + Path));
        var otherPath = Assert.Throws<ProblemException>(() => Translate(sut, signature + Path.Replace("300", "301", StringComparison.Ordinal)));
        var missing = Assert.Throws<ProblemException>(() => Translate(sut, Path[1..]));

        Assert.Equal(("local", "cups.jpg", "w=300&fit=max&q=70&fm=webp"), (request.Source, request.Key, DialectCases.Imgix(request)));
        Assert.All([insecure, otherPath, missing], e => Assert.Equal((403, "bad-signature"), (e.Status, e.Type)));
    }

    [Theory]
    [InlineData("736563726574", "", "MediaEdge:Dialects:imgproxy:Key and MediaEdge:Dialects:imgproxy:Salt must be set together")]
    [InlineData("not-hex", "68656C6C6F", "MediaEdge:Dialects:imgproxy:Key must be hex-encoded")]
    [InlineData("736563726574", "abc", "MediaEdge:Dialects:imgproxy:Salt must be hex-encoded")]
    public void Validate_ABadKeyOrSalt_IsAnErrorNamingItsKey(string key, string salt, string message)
    {
        var settings = new Dictionary<string, string?> { ["MediaEdge:Dialects:imgproxy:Key"] = key, ["MediaEdge:Dialects:imgproxy:Salt"] = salt };
        var options = new DialectOptions().From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("MediaEdge:Dialects"));
        var errors = new List<string>();

        ((IUrlDialect)new ImgproxyDialect()).Validate(options, errors);

        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }

    /// <summary>Translates the request path /imgproxy/<paramref name="path"/>.</summary>
    internal static DialectRequest Translate(IUrlDialect sut, string path) =>
        sut.Translate("/imgproxy/" + path, new Dictionary<string, string?>(), [], DialectCases.Sources);
}
