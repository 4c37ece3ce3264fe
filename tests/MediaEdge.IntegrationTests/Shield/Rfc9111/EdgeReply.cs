using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// One MediaEdge response with its header values as they came off the wire (not re-serialized by .NET's typed
/// headers, which reorder Cache-Control), obs-text decoded as Latin-1; repeated lines joined by ", ".
/// </summary>
public sealed record EdgeReply(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Age in whole seconds; null where absent or not a non-negative integer.</summary>
    public long? Age => Header("Age") is { } age && long.TryParse(age, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public static async Task<EdgeReply> SendAsync(HttpClient client, string method, string pathAndQuery, IEnumerable<Field> headers, byte[]? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<EdgeReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            headers[name] = string.Join(", ", (IEnumerable<string>)values);
        }

        return new EdgeReply((int)response.StatusCode, headers, body);
    }

    public override string ToString() =>
        $"{Status} [{string.Join("; ", Headers.Where(h => h.Key is not ("Server-Timing" or "X-Content-Type-Options")).Select(h => $"{h.Key}: {h.Value}"))}] {Body.Length} bytes";
}
