using System.Security.Cryptography;
using System.Text;
using MediaEdge.Dialects;
using MediaEdge.Dialects.Imgproxy;
using MediaEdge.Requests;
using Microsoft.Extensions.Configuration;

namespace MediaEdge.Tests.Dialects;

/// <summary>imgproxy's processing URLs (docs.imgproxy.net/usage/processing) and its URL signature (docs.imgproxy.net/signing_the_url).</summary>
public sealed class ImgproxyDialectTests
{
    [Theory]
    // The docs' example URL (resize:fill:300:400:0, quality:80, plain@png), its preset and smart gravity left out.
    [InlineData("insecure/resize:fill:300:400:0/quality:80/plain/http://example.com/images/curiosity.jpg@png", "docs", "curiosity.jpg", "w=300&h=400&fit=min&q=80&fm=png")]
    // The same in short names, the source URL base64url-encoded and split by '/', as the docs' example does.
    [InlineData("insecure/rs:fill:300:400:0/q:80/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png", "docs", "curiosity.jpg", "w=300&h=400&fit=min&q=80&fm=png")]
    [InlineData("insecure/rs:fit:300:400/aHR0cDovL2V4YW1wbGUuY29tL2ltYWdlcy9jdXJpb3NpdHkuanBn", "docs", "curiosity.jpg", "w=300&h=400&fit=max&auto=format")]
    [InlineData("insecure/rs:fill:300:400:1/g:nowe/plain/local:///cups.jpg", "local", "cups.jpg", "w=300&h=400&fit=crop&crop=top,left&auto=format")]
    [InlineData("insecure/rs:fill-down:300:400/g:soea/plain/local:///cups.jpg", "local", "cups.jpg", "w=300&h=400&fit=min&crop=bottom,right&auto=format")]
    [InlineData("insecure/w:500/el:1/plain/s3://photo-bucket/a/b.jpg@webp", "photos", "a/b.jpg", "w=500&fit=clip&fm=webp")]
    [InlineData("insecure/s:200:0/g:fp:0.3:0.6/rt:fill/plain/abs://media/c.png", "azure", "c.png", "w=200&fit=min&crop=focalpoint&fp-x=0.3&fp-y=0.6&auto=format")]
    [InlineData("insecure/rs:force:100:50/f:jpg/bg:255:0:0/bl:2/sh:0.57/rot:90/fl:1:0/sm:1/plain/local:///a.png", "local", "a.png", "w=100&h=50&fit=scale&fm=jpg&bg=ff0000&blur=20&sharp=10&rot=90&flip=v")]
    [InlineData("insecure/w:300/dpr:2/bg:FFF/rot:-180/fl:1:1/plain/local:///a.jpg@jpeg", "local", "a.jpg", "w=300&fit=max&dpr=2&fm=jpg&bg=fff&rot=180&flip=hv")]
    [InlineData("insecure/rs:auto:300:0/g:ce/plain/http://example.com/images/dir/x%20y.jpg", "docs", "dir/x y.jpg", "w=300&fit=max&auto=format")]
    [InlineData("anything-when-unsigned/plain/local:///a.jpg", "local", "a.jpg", "auto=format")]
    [InlineData("insecure/w%3A300/plain/local:///a.jpg", "local", "a.jpg", "w=300&fit=max&auto=format")]
    public void Translate_DocumentedUrl_IsThatSourceKeyAndImgixParameters(string path, string source, string key, string imgix)
    {
        DialectCases.AssertTranslated(Translate(new ImgproxyDialect(), path), source, key, imgix);
    }

    [Theory]
    [InlineData("insecure/pr:sharp/plain/local:///a.jpg", "pr", "presets")]
    [InlineData("insecure/preset:sharp/plain/local:///a.jpg", "preset", "presets")]
    [InlineData("insecure/rs:fill:300:400/g:sm/plain/local:///a.jpg", "g", "smart")]
    [InlineData("insecure/g:no:10:20/plain/local:///a.jpg", "g", "offsets")]
    [InlineData("insecure/ex:1/plain/local:///a.jpg", "ex", "extend")]
    [InlineData("insecure/rs:fit:300:300:0:1/plain/local:///a.jpg", "rs", "extend")]
    [InlineData("insecure/f:best/plain/local:///a.jpg", "f", "best")]
    [InlineData("insecure/plain/local:///a.jpg@tiff", "extension", "jpg, png, webp, avif or gif")]
    [InlineData("insecure/rs:auto:300:400/plain/local:///a.jpg", "resizing_type", "orientation")]
    [InlineData("insecure/wm:0.5/plain/local:///a.jpg", "wm", "not supported")]
    [InlineData("insecure/rot:45/plain/local:///a.jpg", "rot", "multiple of 90")]
    [InlineData("insecure/q:101/plain/local:///a.jpg", "q", "0 (the default) to 100")]
    [InlineData("insecure/plain/ftp://example.com/a.jpg", "url", "'ftp://example.com/a.jpg'")]
    [InlineData("insecure/plain/s3://other-bucket/a.jpg", "url", "'other-bucket'")]
    [InlineData("insecure/plain/abs://other/a.jpg", "url", "no AzureBlob source")]
    [InlineData("insecure/plain/https://evil.example/a.jpg", "url", "under no configured Http source")]
    [InlineData("insecure/fill/300/400/ce/0/aHR0cDovL2V4YW1wbGUuY29tL2EuanBn", "url", "deprecated basic URL format")]
    [InlineData("insecure/enc/AAAA", "enc", "Encrypted")]
    [InlineData("insecure/rs:fit:300:0/not*base64.png", "url", "Invalid url encoding")]
    [InlineData("insecure/plain/local:///a.jpg@png@webp", "url", "Multiple formats")]
    [InlineData("rs:fit:300:300/plain/local:///a.jpg", "signature", "processing option")]
    public void Translate_WhatMediaEdgeCannotHonour_Is400NamingTheOption(string path, string parameter, string message)
    {
        DialectCases.AssertRefused(() => Translate(new ImgproxyDialect(), path), parameter, message);
    }

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

    private static DialectRequest Translate(IUrlDialect sut, string path) =>
        sut.Translate("/imgproxy/" + path, new Dictionary<string, string?>(), [], DialectCases.Sources);
}
