using MediaEdge.Dialects;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Tests.Composition;

namespace MediaEdge.Tests.Dialects;

/// <summary>What the dialects' tables share: the sources a source URL maps onto, and the translation of a case.</summary>
internal static class DialectCases
{
    /// <summary>
    /// <c>local</c> (the default source); Http sources <c>cdn</c> under https://images.example.com/assets and <c>docs</c> under
    /// imgproxy's example http://example.com/images; <c>photos</c>, the S3 bucket photo-bucket; <c>azure</c>, the container media.
    /// </summary>
    public static readonly SourceUrls Sources = new(
        new Dictionary<string, SourceOptions>
        {
            ["local"] = new() { Kind = "FileSystem" },
            ["cdn"] = SourceOptions.Of("Http", ("BaseUrl", "https://images.example.com/assets")),
            ["docs"] = SourceOptions.Of("Http", ("BaseUrl", "http://example.com/images")),
            ["photos"] = SourceOptions.Of("S3", ("Bucket", "photo-bucket")),
            ["azure"] = SourceOptions.Of("AzureBlob", ("Container", "media")),
        },
        "local",
        Registered.Origins);

    /// <summary>The imgix pairs as a query string, in order.</summary>
    public static string Imgix(DialectRequest request) => string.Join('&', request.Query.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Translates a request whose route holds <paramref name="route"/> and whose query string is <paramref name="query"/>.</summary>
    public static DialectRequest Translate(IUrlDialect dialect, string query, params (string Name, string Value)[] route) =>
        dialect.Translate(route.ToDictionary(r => r.Name, r => (string?)r.Value), [.. QueryText.Parse(query)], Sources);

    /// <summary>Asserts that a translated request reads <paramref name="key"/> from <paramref name="source"/> with the imgix pairs <paramref name="imgix"/>.</summary>
    public static void AssertTranslated(DialectRequest request, string source, string key, string imgix)
    {
        Assert.Equal((source, key), (request.Source, request.Key));
        Assert.Equal(imgix, Imgix(request));
    }

    /// <summary>Asserts a 400 bad-parameter problem naming <paramref name="parameter"/>, whose detail holds <paramref name="message"/>.</summary>
    public static void AssertRefused(Func<DialectRequest> translate, string parameter, string message)
    {
        var e = ProblemAssert.BadParameter(parameter, () => translate());

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
