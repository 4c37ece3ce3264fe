using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>
/// What a user sees of an image request: a 200 whose body is an image of the promised type and size, its pixels, or a
/// refusal naming the parameter. Each failure names the request and shows the reply (with a problem's detail).
/// </summary>
public static class ImageReplies
{
    /// <summary>GETs the path and fails unless the reply is a 200.</summary>
    public static async Task<Reply> GetOkAsync(this HttpClient client, string pathAndQuery, string? accept = null)
    {
        var reply = await client.GetReplyAsync(pathAndQuery, accept);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{pathAndQuery}: {reply} {ProblemText(reply)}");
        return reply;
    }

    /// <summary>GETs the path, fails unless the reply is a 200, and decodes the image.</summary>
    public static async Task<Image<Rgba32>> GetPixelsAsync(this HttpClient client, string pathAndQuery) =>
        Pixels.Load((await client.GetOkAsync(pathAndQuery)).Body);

    /// <summary>Fails unless the reply is a 200 of <paramref name="contentType"/>, whose magic bytes are that type's, at width x height.</summary>
    public static void AssertImage(this Reply reply, string contentType, int width, int height)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"{reply} {ProblemText(reply)}");
        Assert.Equal(contentType, reply.ContentType);
        Assert.True(Magic.Matches(contentType, reply.Body), $"the body's magic bytes are not {contentType}");
        Assert.Equal((width, height), Pixels.Size(reply.Body));
    }

    /// <summary>Fails unless the reply is a 400 problem naming <paramref name="parameter"/>, whose detail says <paramref name="why"/>.</summary>
    public static void AssertRefused(this Reply reply, string parameter, string why)
    {
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{reply} {ProblemText(reply)}");
        var problem = reply.Problem();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The width and height a JSON reply describes (fm=json, a storyboard's index).</summary>
    public static (int Width, int Height) DescribedSize(this Reply reply)
    {
        using var json = JsonDocument.Parse(reply.Body);
        return (json.RootElement.GetProperty("width").GetInt32(), json.RootElement.GetProperty("height").GetInt32());
    }

    /// <summary>A problem reply's body as text, for a failure message; empty for any other reply.</summary>
    public static string ProblemText(Reply reply) =>
        reply.ContentType == "application/problem+json" ? System.Text.Encoding.UTF8.GetString(reply.Body) : string.Empty;
}
