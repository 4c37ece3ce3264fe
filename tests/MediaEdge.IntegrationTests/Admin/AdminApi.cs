using System.Net.Http.Headers;
using System.Text.Json;

namespace MediaEdge.IntegrationTests.Admin;

/// <summary>The admin key the admin tests configure, and calls of <c>/admin/api/*</c> with it.</summary>
public static class AdminApi
{
    /// <summary>One of MediaEdge:Admin:Keys in <see cref="Settings"/>.</summary>
    public const string Key = "playground-test-key-0123456789";

    /// <summary><paramref name="settings"/> plus the admin key.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>()) { ["MediaEdge:Admin:Keys:0"] = Key };

    /// <summary>GET <paramref name="pathAndQuery"/> with the admin key as bearer (or <paramref name="key"/>; none where empty).</summary>
    public static async Task<Reply> GetAsync(HttpClient client, string pathAndQuery, string key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (key.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendReplyAsync(request);
    }

    /// <summary>The JSON body of a 200 answer to GET <paramref name="pathAndQuery"/> with the admin key.</summary>
    public static async Task<JsonElement> JsonAsync(HttpClient client, string pathAndQuery)
    {
        var reply = await GetAsync(client, pathAndQuery);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{pathAndQuery}: {reply} {System.Text.Encoding.UTF8.GetString(reply.Body)}");
        Assert.Equal("application/json", reply.ContentType);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }
}
