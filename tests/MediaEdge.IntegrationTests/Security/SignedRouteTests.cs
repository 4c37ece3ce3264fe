using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>RequireSignature holds on every content route, not just /img/: originals on /o/ and frames on /video/.</summary>
[Collection(SigningServer.Collection)]
public sealed class SignedRouteTests(SigningServer fixture) : ServerTest(fixture)
{
    private static readonly Lazy<string> Clip = new(MakeClip, LazyThreadSafetyMode.ExecutionAndPublication);

    [Theory]
    [InlineData("/o/local/small.jpg")]
    [InlineData("/o/local/bad/script.svg")]
    [InlineData("/o/nosuchsource/small.jpg")]
    [InlineData("/video/local/no-such.mp4/thumbnail.jpg?time=1")]
    [InlineData("/video/local/no-such.mp4/storyboard.vtt")]
    [InlineData("/video/local/no-such.mp4/animated.gif?start=0&end=1")]
    public async Task UnsignedRequest_IsRefusedAsMissing(string target)
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, target);

        SignatureProblems.AssertRefused(sut, "missing");
    }

    [Fact]
    public async Task TamperedOriginalUrl_IsRefusedAsInvalid()
    {
        var mac = HmacSigner.Mac("/o/local/small.jpg", SigningServer.NewKey);

        var sut = await Client.SendRawAsync(HttpMethod.Get, "/o/local/alpha.png?s=" + mac);

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    [Fact]
    public async Task SignedOriginal_IsServedWhole()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/o/local/small.jpg", SigningServer.OldKey));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(MediaFolder.Shared.Read("small.jpg"), sut.Body);
    }

    /// <summary>Range is a header, outside the signature: one signed URL serves any part of the original.</summary>
    [Fact]
    public async Task SignedOriginal_WithARange_Is206()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/o/local/small.jpg", SigningServer.NewKey), ("Range", "bytes=0-99"));

        Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
        Assert.Equal(MediaFolder.Shared.Read("small.jpg")[..100], sut.Body);
    }

    [Fact]
    public async Task UnsignedVideoThumbnail_OfARealClip_IsRefusedAsMissing()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, $"/video/local/{Clip.Value}/thumbnail.jpg?time=0.5&w=80");

        SignatureProblems.AssertRefused(sut, "missing");
    }

    [Fact]
    public async Task SignedVideoThumbnail_IsServed()
    {
        var sut = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign($"/video/local/{Clip.Value}/thumbnail.jpg?time=0.5&w=80", SigningServer.NewKey));

        Assert.True(sut.Status == HttpStatusCode.OK, sut.ToString());
        Assert.True(Magic.IsJpeg(sut.Body));
        Assert.Equal((80, 45), Pixels.Size(sut.Body));
    }

    [Fact]
    public async Task VideoThumbnailSignedForAnotherTime_IsRefusedAsInvalid()
    {
        var mac = HmacSigner.Mac($"/video/local/{Clip.Value}/thumbnail.jpg?time=0.5&w=80", SigningServer.NewKey);

        var sut = await Client.SendRawAsync(HttpMethod.Get, $"/video/local/{Clip.Value}/thumbnail.jpg?time=1.5&w=80&s={mac}");

        SignatureProblems.AssertRefused(sut, "invalid");
    }

    /// <summary>A two-second 160x90 H.264 clip made by ffmpeg in the served folder, under a key no other test uses.</summary>
    private static string MakeClip()
    {
        var key = $"fresh/signed-clip-{Guid.NewGuid():N}.mp4";
        var start = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10", "-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart", MediaFolder.Shared.PathOf(key) },
            RedirectStandardError = true,
        };
        using var ffmpeg = Process.Start(start)!;
        var error = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg could not make the test clip: " + error);
        }

        return key;
    }
}
