namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// A blank signing key is one everybody holds (HMAC under the empty key is public knowledge): a node configured with
/// one, as when a deployment's secret expands to nothing, refuses to start rather than accept forgeable URLs.
/// </summary>
public sealed class SigningConfigurationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankSigningKey_StopsTheBuild_NamingTheKey(string blank)
    {
        var e = Record.Exception(() => Build("--MediaEdge:Security:RequireSignature=true", "--MediaEdge:Security:SigningKeys:0=real-key", $"--MediaEdge:Security:SigningKeys:1={blank}"));

        Assert.NotNull(e);
        Assert.Contains("MediaEdge:Security:SigningKeys", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireSignatureWithoutKeys_StopsTheBuild()
    {
        var e = Record.Exception(() => Build("--MediaEdge:Security:RequireSignature=true"));

        Assert.NotNull(e);
        Assert.Contains("MediaEdge:Security:SigningKeys", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealKeys_Build()
    {
        await using var app = Build("--MediaEdge:Security:RequireSignature=true", "--MediaEdge:Security:SigningKeys:0=new", "--MediaEdge:Security:SigningKeys:1=old");

        Assert.NotNull(app);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(params string[] extra) =>
        UnstartedHost.Build(["--MediaEdge:Cache:Redis:Configuration=", .. extra]);
}
