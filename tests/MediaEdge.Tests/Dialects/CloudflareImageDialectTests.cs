using MediaEdge.Dialects;
using MediaEdge.Dialects.Cloudflare;

namespace MediaEdge.Tests.Dialects;

/// <summary>Cloudflare's "Transform via URL" beyond its table rows (<see cref="DialectTranslationTests"/>).</summary>
public sealed class CloudflareImageDialectTests
{
    [Fact]
    public void Translate_AnAbsoluteSourceUnderNoHttpSource_IsRefused()
    {
        DialectCases.AssertRefused(() => Translate("width=80", "https://evil.example/a.jpg"), "source", "under no configured Http source");
    }

    /// <summary>Translates /cdn-cgi/image/<paramref name="options"/>/<paramref name="source"/>.</summary>
    internal static DialectRequest Translate(string options, string source) =>
        DialectCases.Translate(new CloudflareImageDialect(), "", ("options", options), ("source", source));
}
