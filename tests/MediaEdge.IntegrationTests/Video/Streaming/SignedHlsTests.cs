using MediaEdge.Security;

namespace MediaEdge.IntegrationTests.Video.Streaming;

/// <summary>A server that takes signed URLs only.</summary>
public sealed class SignedVideoServer : ServerFixture
{
    public const string Key = "hls-test-key";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MediaEdge:Security:RequireSignature"] = "true",
        ["MediaEdge:Security:SigningKeys:0"] = Key,
    };
}

/// <summary>Where URLs must be signed, a signed playlist's links are signed too, so a player can follow them.</summary>
public sealed class SignedHlsTests(SignedVideoServer fixture) : ServerTest(fixture), IClassFixture<SignedVideoServer>
{
    [Fact]
    public async Task ASignedPlaylistsLinks_AreSignedAndCarryItsQuery()
    {
        var folder = $"/video/local/{VideoMedia.Hevc}/hls/360p/";
        var unsigned = await Client.GetReplyAsync(folder + "index.m3u8?q=60");
        var sut = await Client.GetReplyAsync(UrlSignature.Sign(folder + "index.m3u8?q=60", SignedVideoServer.Key));

        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var link = HlsPlaylist.Parse(sut.Body).Segments[1].Uri;
        Assert.Equal(UrlSignature.Sign(folder + "1.ts?q=60", SignedVideoServer.Key), folder + link);
        var segment = await Client.GetReplyAsync(folder + link);
        Assert.Equal(HttpStatusCode.OK, segment.Status);
        Assert.Equal("video/mp2t", segment.ContentType);
    }
}
