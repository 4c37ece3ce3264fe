namespace MediaEdge.IntegrationTests.Errors;

/// <summary>Unknown sources and missing objects are 404 problems naming what was missing, and never cached downstream.</summary>
[Collection(EdgeServer.Collection)]
public sealed class NotFoundTests(EdgeServer fixture) : ServerTest(fixture)
{
    [EngineFact]
    public async Task UnknownSource_Is404NamingIt()
    {
        var sut = await Client.GetReplyAsync("/img/nowhere/colorful-cups.jpg?w=100");

        Assert.Equal(HttpStatusCode.NotFound, sut.Status);
        var problem = sut.Problem();
        Assert.Equal("nowhere", problem.GetProperty("source").GetString());
        Assert.Contains("nowhere", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [EngineTheory]
    [InlineData("missing.jpg")]
    [InlineData("no/such/folder/missing.jpg")]
    public async Task MissingKey_Is404NamingIt(string key)
    {
        var sut = await Client.GetReplyAsync($"/img/local/{key}?w=100");

        Assert.Equal(HttpStatusCode.NotFound, sut.Status);
        var problem = sut.Problem();
        Assert.Equal(key, problem.GetProperty("key").GetString());
        Assert.Equal("local", problem.GetProperty("source").GetString());
    }

    [EngineFact]
    public async Task HeadOfAMissingKey_Is404WithoutBody()
    {
        var sut = await Client.SendReplyAsync(HttpMethod.Head, "/img/local/missing.jpg");

        Assert.Equal(HttpStatusCode.NotFound, sut.Status);
        Assert.Equal("no-store", sut.Header("Cache-Control"));
        Assert.Empty(sut.Body);
    }
}
