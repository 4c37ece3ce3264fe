using MediaEdge.IntegrationTests.Security;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// Sources:{name}:SigningKeys and :PresetsOnly: a source with keys takes only URLs signed with one of them (or the node's
/// own), a key of one source never opens another, and a presets-only source refuses free parameters while its neighbours take them.
/// </summary>
public sealed class SourceSigningTests(SourceSigningTests.SigningSourcesServer fixture) : ServerTest(fixture), IClassFixture<SourceSigningTests.SigningSourcesServer>
{
    private const string KeyOfA = "key-of-tenant-a";
    private const string KeyOfB = "key-of-tenant-b";

    [Fact]
    public async Task ASourceWithKeys_ServesAUrlSignedWithItsKey_AndRefusesOneUnsigned()
    {
        var signed = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/img/tenant-a/small.jpg?w=48", KeyOfA));
        var unsigned = await Client.GetReplyAsync("/img/tenant-a/small.jpg?w=48");

        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal(48, Pixels.Size(signed.Body).Width);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.Contains("Sources:tenant-a:SigningKeys", unsigned.Problem().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyOfOneSource_NeverOpensAnother()
    {
        var crossed = await Client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign("/img/tenant-a/small.jpg?w=48", KeyOfB));

        Assert.Equal(HttpStatusCode.Forbidden, crossed.Status);
        Assert.Equal("urn:mediaedge:problem:bad-signature", crossed.Problem().GetProperty("type").GetString());
    }

    [Fact]
    public async Task ASourceWithoutKeys_StillServesUnsignedUrls()
    {
        var sut = await Client.GetReplyAsync("/img/local/small.jpg?w=48");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
    }

    [Fact]
    public async Task APresetsOnlySource_RefusesFreeParameters_WhileItsNeighbourTakesThem()
    {
        var preset = await Client.GetReplyAsync("/img/presets/small.jpg?preset=thumb");
        var free = await Client.GetReplyAsync("/img/presets/small.jpg?w=20");
        var neighbour = await Client.GetReplyAsync("/img/local/small.jpg?w=20");

        Assert.Equal(HttpStatusCode.OK, preset.Status);
        Assert.Equal((32, 20), Pixels.Size(preset.Body));
        Assert.Equal(HttpStatusCode.BadRequest, free.Status);
        Assert.Contains("Sources:presets:PresetsOnly", free.Problem().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, neighbour.Status);
        Assert.Equal(20, Pixels.Size(neighbour.Body).Width);
    }

    public sealed class SigningSourcesServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Sources:tenant-a:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:tenant-a:SigningKeys:0"] = KeyOfA,
            ["MediaEdge:Sources:tenant-b:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:tenant-b:SigningKeys:0"] = KeyOfB,
            ["MediaEdge:Sources:presets:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:presets:PresetsOnly"] = "true",
            ["MediaEdge:Presets:thumb"] = "w=32&h=20&fit=crop",
        };
    }
}
