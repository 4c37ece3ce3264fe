namespace MediaEdge.Dialects.NextJs;

/// <summary>
/// Writes <c>/_next/image</c> URLs: only imgix <c>w</c> (one of Next.js's allowed widths), <c>q</c>, <c>fit=max</c> and
/// <c>auto=format</c> can be said, since a Next.js URL carries a width and a quality and nothing else.
/// </summary>
internal static class NextImageLink
{
    /// <summary>The link of <paramref name="request"/>, or why Next.js cannot ask for it.</summary>
    public static DialectLink Write(string dialect, LinkRequest request)
    {
        DialectLink Refused(string reason) => DialectLink.Refused(dialect, reason);
        if (request.Outside("w", "q", "fit", "auto") is { } other)
        {
            return Refused($"a Next.js URL carries only a width and a quality, so it cannot say {other}.");
        }

        if (!LinkRequest.Whole(request["w"], 1, int.MaxValue, out var width) || (!NextImageDialect.DeviceSizes.Contains(width) && !NextImageDialect.ImageSizes.Contains(width)))
        {
            return Refused($"w must be one of Next.js's widths ({string.Join(", ", NextImageDialect.ImageSizes.Concat(NextImageDialect.DeviceSizes).Order())}).");
        }

        if (!LinkRequest.Whole(request["q"], 1, 100, out var quality))
        {
            return Refused("q (1–100) is required: every Next.js URL names a quality.");
        }

        if (request["fit"] != "max")
        {
            return Refused("Next.js never enlarges, which is fit=max; set fit=max.");
        }

        if (request["auto"] != "format")
        {
            return Refused("Next.js always picks the format by Accept, which is auto=format; set it.");
        }

        return request.RelativeUrl is { } url
            ? DialectLink.To(dialect, request.Sign($"/_next/image?url={Uri.EscapeDataString(url)}&w={width}&q={quality}"))
            : Refused("Next.js " + request.NoRelativeUrl);
    }
}
