namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>Sends a request as a browser would, with the given Accept and other headers, and reads the whole reply.</summary>
public static class HttpClientReplies
{
    public const string BrowserAccept = "image/avif,image/webp,*/*";

    public static Task<Reply> GetReplyAsync(this HttpClient client, string pathAndQuery, string? accept = null, params (string Name, string Value)[] headers) =>
        client.SendReplyAsync(HttpMethod.Get, pathAndQuery, accept, headers);

    public static async Task<Reply> SendReplyAsync(this HttpClient client, HttpMethod method, string pathAndQuery, string? accept = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendReplyAsync(request);
    }

    /// <summary>Sends the path exactly as written: no dot-segment removal and no unescaping by <see cref="Uri"/>.</summary>
    public static async Task<Reply> GetRawPathAsync(this HttpClient client, string rawPathAndQuery)
    {
        var uri = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + rawPathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await client.SendReplyAsync(request);
    }

    public static async Task<Reply> SendReplyAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }
}
