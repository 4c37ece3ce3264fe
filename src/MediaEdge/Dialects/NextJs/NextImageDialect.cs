using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.NextJs;

/// <summary>
/// The Next.js image optimizer's URLs, <c>/_next/image?url=&amp;w=&amp;q=</c> (nextjs.org/docs/app/api-reference/components/image,
/// and its image-optimizer's parameter checks): <c>url</c> a path or an allowed absolute URL, <c>w</c> one of the
/// configured sizes, <c>q</c> 1–100; the output is never wider than the source (imgix <c>fit=max</c>) and its format is
/// negotiated by <c>Accept</c> (imgix <c>auto=format</c>, which also offers AVIF, as Next.js does with
/// <c>formats: ['image/avif', 'image/webp']</c>). Refusals carry Next.js's own messages.
/// </summary>
public sealed class NextImageDialect : IUrlDialect
{
    /// <summary>Next.js's default <c>images.deviceSizes</c>.</summary>
    public static readonly int[] DeviceSizes = [640, 750, 828, 1080, 1200, 1920, 2048, 3840];

    /// <summary>Next.js's default <c>images.imageSizes</c>.</summary>
    public static readonly int[] ImageSizes = [16, 32, 48, 64, 96, 128, 256, 384];

    public string Name => "nextjs";

    public string Route => "/_next/image";

    public DialectLink Link(LinkRequest request) => NextImageLink.Write(Name, request);

    public DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources)
    {
        var url = Single(query, "url", "\"url\" parameter is required", "\"url\" parameter cannot be an array");
        if (url.StartsWith("/_next/image", StringComparison.Ordinal))
        {
            throw Problems.BadParameter("url", "\"url\" parameter cannot be recursive");
        }

        var w = Single(query, "w", "\"w\" parameter (width) is required", "\"w\" parameter (width) cannot be an array");
        var q = Single(query, "q", "\"q\" parameter (quality) is required", "\"q\" parameter (quality) cannot be an array");
        if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width <= 0)
        {
            throw Problems.BadParameter("w", "\"w\" parameter (width) must be an integer greater than 0");
        }

        if (!DeviceSizes.Contains(width) && !ImageSizes.Contains(width))
        {
            throw Problems.BadParameter("w", $"\"w\" parameter (width) of {width} is not allowed (allowed: {string.Join(", ", DeviceSizes.Concat(ImageSizes).Order())})");
        }

        if (!int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var quality) || quality is < 1 or > 100)
        {
            throw Problems.BadParameter("q", "\"q\" parameter (quality) must be an integer between 1 and 100");
        }

        var (source, key) = sources.Resolve("url", url);
        return new DialectRequest(source, key,
        [
            new("w", width.ToString(CultureInfo.InvariantCulture)),
            new("q", quality.ToString(CultureInfo.InvariantCulture)),
            new("fit", "max"),
            new("auto", "format"),
        ]);
    }

    private static string Single(IReadOnlyList<KeyValuePair<string, string>> query, string name, string missing, string repeated)
    {
        string? found = null;
        foreach (var (key, value) in query)
        {
            if (key == name)
            {
                if (found is not null)
                {
                    throw Problems.BadParameter(name, repeated);
                }

                found = value;
            }
        }

        return string.IsNullOrEmpty(found) ? throw Problems.BadParameter(name, missing) : found;
    }
}
