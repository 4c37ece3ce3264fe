namespace MediaEdge.IntegrationTests.Dialects;

/// <summary>Next.js's <c>/_next/image</c> URLs answered as Next.js does, sharing the cache with <c>/img/</c>.</summary>
public sealed class NextImageDialectTests
{
    [Fact]
    public async Task NextImageUrl_WiderThanTheSource_IsTheSourceWidth_AndABrowserWithoutWebPGetsItsOwnFormat()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out _);

        // small.jpg is narrower than 3840: Next.js never enlarges.
        var reply = await client.GetReplyAsync("/_next/image?url=%2Fsmall.jpg&w=3840&q=75", "image/jpeg,*/*;q=0.5");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("image/jpeg", reply.ContentType);
        Assert.True(Pixels.Size(reply.Body).Width < 3840, $"{Pixels.Size(reply.Body)}");
    }

    [Theory]
    [InlineData("/_next/image?url=%2Fcolorful-cups.jpg&w=641&q=75", "w", "\"w\" parameter (width) of 641 is not allowed")]
    [InlineData("/_next/image?url=%2Fcolorful-cups.jpg&w=640", "q", "\"q\" parameter (quality) is required")]
    [InlineData("/_next/image?url=https%3A%2F%2Fevil.example%2Fa.jpg&w=640&q=75", "url", "under no configured Http source")]
    public async Task WhatNextJsRefuses_IsA400Problem_NamingTheParameter(string path, string parameter, string message)
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out _);

        var reply = await client.GetReplyAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(parameter, reply.Problem().GetProperty("parameter").GetString());
        Assert.Contains(message, reply.Problem().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledDialect_IsNotServed()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Dialects:Enabled"] = "" });
        using var client = server.CreateClient(out _);

        var reply = await client.GetReplyAsync("/_next/image?url=%2Fcolorful-cups.jpg&w=640&q=75");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
