namespace MediaEdge.IntegrationTests.Security;

/// <summary>What a refused signature looks like to a client: a 403 problem that no cache may keep, saying why.</summary>
public static class SignatureProblems
{
    /// <param name="reason">missing, malformed, invalid or expired.</param>
    public static void AssertRefused(Reply sut, string reason)
    {
        Assert.True(sut.Status == HttpStatusCode.Forbidden, $"expected 403 ({reason}), got {sut}: {System.Text.Encoding.UTF8.GetString(sut.Body)}");
        var problem = sut.Problem();
        Assert.Equal("urn:mediaedge:problem:bad-signature", problem.GetProperty("type").GetString());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("nosniff", sut.Header("X-Content-Type-Options"));
        Assert.False(Magic.IsJpeg(sut.Body) || Magic.IsPng(sut.Body) || Magic.IsWebp(sut.Body) || Magic.IsGif(sut.Body), "the refusal carries an image");
    }
}
