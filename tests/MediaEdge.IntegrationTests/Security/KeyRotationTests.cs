namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// Rotating a key in three deployments: only the old key; the new one added in front of it; the old one removed.
/// A URL is served exactly while its key is configured.
/// </summary>
public sealed class KeyRotationTests
{
    private const string Old = "rotation-old";
    private const string New = "rotation-new";
    private const string Target = "/img/local/small.jpg?w=40";

    [Theory]
    [InlineData(new[] { Old }, Old, true)]
    [InlineData(new[] { Old }, New, false)]
    [InlineData(new[] { New, Old }, New, true)]
    [InlineData(new[] { New, Old }, Old, true)]
    [InlineData(new[] { New }, New, true)]
    [InlineData(new[] { New }, Old, false)]
    public async Task SignedUrl_IsServedExactlyWhileItsKeyIsConfigured(string[] keys, string signedWith, bool served)
    {
        var settings = new Dictionary<string, string?> { ["MediaEdge:Security:RequireSignature"] = "true" };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"MediaEdge:Security:SigningKeys:{i}"] = keys[i];
        }

        await using var server = await MediaEdgeServer.StartAsync(settings);
        using var client = server.CreateClient(out var guard);

        var sut = await client.SendRawAsync(HttpMethod.Get, HmacSigner.Sign(Target, signedWith));

        if (served)
        {
            Assert.Equal(HttpStatusCode.OK, sut.Status);
            Assert.Equal((40, 25), Pixels.Size(sut.Body));
        }
        else
        {
            SignatureProblems.AssertRefused(sut, "invalid");
        }

        guard.AssertNoServerFailure();
    }
}
