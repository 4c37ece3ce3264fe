using MediaEdge.IntegrationTests.Security;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>What the fuzzer found, pinned down: parameter names are case-sensitive, and a wrong method is a problem too.</summary>
[Collection(EdgeServer.Collection)]
public sealed class FuzzFindingsTests(EdgeServer fixture) : ServerTest(fixture)
{
    /// <summary>W is an unknown parameter and is ignored, wherever it stands; it neither hides w nor repeats it.</summary>
    [Theory]
    [InlineData("w=50&W=60")]
    [InlineData("W=60&w=50")]
    [InlineData("W=abc&w=50")]
    [InlineData("w=50&W=" + "9999999999")]
    public async Task UpperCaseName_IsAnUnknownParameter_AndIgnored(string query)
    {
        var sut = await Client.GetReplyAsync("/img/local/small.jpg?" + query);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((50, 31), Pixels.Size(sut.Body));
    }

    [Fact]
    public async Task UpperCaseNameAlone_LeavesTheImageAsItIs()
    {
        var sut = await Client.GetReplyAsync("/img/local/small.jpg?W=50&FIT=crop&H=10");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((640, 400), Pixels.Size(sut.Body));
    }

    [Theory]
    [InlineData("POST", "/img/local/small.jpg?w=10")]
    [InlineData("PUT", "/img/local/small.jpg")]
    [InlineData("DELETE", "/o/local/small.jpg")]
    [InlineData("PATCH", "/video/local/v.mp4/thumbnail.jpg")]
    [InlineData("OPTIONS", "/img/local/small.jpg")]
    public async Task WrongMethod_IsA405Problem_ThatNamesTheAllowedOnes(string method, string target)
    {
        var sut = await Client.SendRawAsync(new HttpMethod(method), target);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, sut.Status);
        Assert.Equal("urn:mediaedge:problem:method-not-allowed", sut.Problem().GetProperty("type").GetString());
        Assert.Equal(["GET", "HEAD"], sut.HeaderList("Allow"));
    }
}
