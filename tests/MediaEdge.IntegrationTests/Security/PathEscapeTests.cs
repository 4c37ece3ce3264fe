namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// No key reaches outside the source's folder. Paths are sent byte for byte as written (no client-side dot-segment
/// removal). The target next to the media root, outside/secret.jpg, is a valid JPEG: served, it would be a 200.
/// </summary>
[Collection(EdgeServer.Collection)]
public sealed class PathEscapeTests(EdgeServer fixture) : ServerTest(fixture)
{
    [EngineTheory]
    [InlineData("/img/local/..%2f..%2fetc%2fpasswd")]
    [InlineData("/img/local/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/img/local/..%2foutside%2fsecret.jpg")]
    [InlineData("/img/local/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/img/local/%2e%2e/outside/secret.jpg")]
    [InlineData("/img/local/fresh/%2e%2e/%2e%2e/outside/secret.jpg")]
    [InlineData("/img/local/%252e%252e/%252e%252e/etc/passwd")]
    [InlineData("/img/local/%252e%252e%252foutside%252fsecret.jpg")]
    [InlineData("/img/local/..%5c..%5cetc%5cpasswd")]
    [InlineData("/img/local/..%5coutside%5csecret.jpg")]
    [InlineData("/img/local/..\\outside\\secret.jpg")]
    [InlineData("/img/local//etc/passwd")]
    [InlineData("/img/local/%2fetc%2fpasswd")]
    [InlineData("/img/local/../../etc/passwd")]
    [InlineData("/img/local/./../outside/secret.jpg")]
    [InlineData("/img/local/C:%5cWindows%5cwin.ini")]
    public async Task EscapingPath_IsRefusedWithAProblem(string path)
    {
        var sut = await Client.GetRawPathAsync(path + "?w=50");

        AssertRefused(sut, path);
    }

    /// <summary>Kestrel itself refuses a NUL in the path, before any middleware: a bare 400, but never the file.</summary>
    [EngineFact]
    public async Task NulInThePath_IsRefusedByKestrel()
    {
        var sut = await Client.GetRawPathAsync("/img/local/small.jpg%00.png?w=50");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.False(Magic.IsJpeg(sut.Body));
    }

    [EngineTheory]
    [InlineData("links/outside.jpg")]
    [InlineData("links/outside-relative.jpg")]
    [InlineData("links/outside-dir/secret.jpg")]
    public async Task SymlinkLeadingOutside_IsRefusedWithAProblem(string key)
    {
        var sut = await Client.GetReplyAsync($"/img/local/{key}?w=50");

        AssertRefused(sut, key);
    }

    [EngineFact]
    public async Task SymlinkWithinTheRoot_IsServed()
    {
        var sut = await Client.GetReplyAsync("/img/local/links/inside.jpg?w=50");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsJpeg(sut.Body));
    }

    private static void AssertRefused(Reply sut, string path)
    {
        Assert.True((int)sut.Status is >= 400 and < 500, $"{path}: {sut}");
        sut.Problem();
        Assert.False(Magic.Contains(sut.Body, "root:"), $"{path}: the body holds /etc/passwd");
        Assert.False(Magic.IsJpeg(sut.Body), $"{path}: the body is an image");
    }
}
