namespace MediaEdge.IntegrationTests.Security;

/// <summary>Requests whose target goes on the wire byte for byte as written, since a signature covers exactly those bytes.</summary>
public static class RawRequests
{
    public static Uri RawUri(this HttpClient client, string rawPathAndQuery) =>
        new(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + rawPathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public static async Task<Reply> SendRawAsync(this HttpClient client, HttpMethod method, string rawPathAndQuery, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, client.RawUri(rawPathAndQuery));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendReplyAsync(request);
    }
}
