namespace MediaEdge.IntegrationTests.Caching;

/// <summary>POST /purge/{source}/{key} to one node, with the admin token as a bearer token where one is given.</summary>
internal static class PurgeRequest
{
    public static async Task<Reply> PurgeAsync(this MediaEdgeServer node, string sourceAndKey, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/purge/" + sourceAndKey);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await node.Client.SendReplyAsync(request);
    }
}
