using System.Net.Http.Headers;
using System.Text.Json;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>Reads <c>GET /admin/api/usage</c> with an admin key, summed per source over the records it returns.</summary>
public static class UsageReplies
{
    /// <summary>The usage JSON of <paramref name="source"/> from an hour before now to an hour after, each field summed over its hours.</summary>
    public static async Task<Dictionary<string, double>> UsageAsync(this HttpClient client, string key, string source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/api/usage?source={source}&from={Instant(-1)}&to={Instant(1)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var reply = await client.SendReplyAsync(request);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        using var json = JsonDocument.Parse(reply.Body);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var record in json.RootElement.GetProperty("records").EnumerateArray())
        {
            Assert.Equal(source, record.GetProperty("source").GetString());
            foreach (var field in record.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Number))
            {
                sums[field.Name] = sums.GetValueOrDefault(field.Name) + field.Value.GetDouble();
            }
        }

        return sums;
    }

    /// <summary>An ISO 8601 instant <paramref name="hours"/> from now, URL-safe.</summary>
    public static string Instant(int hours) => Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(hours).ToString("O", CultureInfo.InvariantCulture));
}
