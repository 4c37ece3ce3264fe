using MediaEdge.Dialects;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Tests.Dialects;

/// <summary>What the dialects' tables share: the sources a source URL maps onto, and the translation of a case.</summary>
internal static class DialectCases
{
    /// <summary><c>local</c> (the default source) and <c>cdn</c>, an Http source under https://images.example.com/assets.</summary>
    public static readonly SourceUrls Sources = new(
        new Dictionary<string, SourceOptions>
        {
            ["local"] = new() { Kind = "FileSystem" },
            ["cdn"] = SourceOptions.Of("Http", ("BaseUrl", "https://images.example.com/assets")),
        },
        "local");

    /// <summary>The imgix pairs as a query string, in order.</summary>
    public static string Imgix(DialectRequest request) => string.Join('&', request.Query.Select(p => $"{p.Key}={p.Value}"));

    public static DialectRequest Translate(IUrlDialect dialect, string query, params (string Name, string Value)[] route) =>
        dialect.Translate(route.ToDictionary(r => r.Name, r => (string?)r.Value), [.. QueryText.Parse(query)], Sources);

    /// <summary>Asserts a 400 bad-parameter problem naming <paramref name="parameter"/>, whose detail holds <paramref name="message"/>.</summary>
    public static void AssertRefused(Func<DialectRequest> translate, string parameter, string message)
    {
        var e = Assert.Throws<ProblemException>(translate);

        Assert.Equal((400, "bad-parameter"), (e.Status, e.Type));
        Assert.Equal(parameter, e.Extensions["parameter"]);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
