using System.Text.Json;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>One response, read whole: what a user of the service sees. Header names are case-insensitive; repeated values are joined by ", ".</summary>
public sealed record Reply(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The media type of Content-Type, without parameters.</summary>
    public string? ContentType => Header("Content-Type")?.Split(';')[0].Trim();

    public long? ContentLength => Header("Content-Length") is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The listed values of a comma-separated header, such as Vary.</summary>
    public IReadOnlyList<string> HeaderList(string name) =>
        Header(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The RFC 9457 body, after checking that this is a problem response that must not be cached.</summary>
    public JsonElement Problem()
    {
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal("no-store", Header("Cache-Control"));
        using var document = JsonDocument.Parse(Body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new Reply(response.StatusCode, headers, body);
    }

    public override string ToString() => $"{(int)Status} {ContentType} {Body.Length} bytes";
}
