using System.Security.Cryptography;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>The tests' own <see cref="HttpTestOrigin"/> as an Http source, with an ETag per content, answering conditional requests.</summary>
public sealed class HttpBackend : OriginBackend
{
    private HttpTestOrigin? _origin;

    public HttpTestOrigin Origin => _origin ?? throw new InvalidOperationException("The origin has not started.");

    public override async Task InitializeAsync() => _origin = await HttpTestOrigin.StartAsync();

    public override async Task DisposeAsync()
    {
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }
    }

    public override IReadOnlyDictionary<string, string?> SourceSettings(string name) => MediaEdgeServer.HttpSource(name, Origin.BaseAddress);

    public override Task PutAsync(string key, byte[] bytes, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        if (Origin.TryGet(key) is { } existing)
        {
            existing.Body = bytes;
            existing.ContentType = contentType;
            existing.ETag = etag;
        }
        else
        {
            Origin.Put(key, bytes, contentType).ETag = etag;
        }

        return Task.CompletedTask;
    }

    public override int? ConditionalRequests(string key) => Origin.TryGet(key)?.Conditional;
}
