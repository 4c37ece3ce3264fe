using MediaEdge.Requests;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>
/// imgproxy's source URL (docs.imgproxy.net/usage/processing#source-url and the serving-local-files, serving-files-from-S3
/// and Azure Blob pages) onto the configured sources: <c>local:///key</c> the dialects' default source,
/// <c>s3://bucket/key</c> the S3 source of that Bucket, <c>abs://container/key</c> the AzureBlob source of that Container,
/// <c>http(s)://</c> the Http source whose BaseUrl it starts with.
/// </summary>
public static class ImgproxySourceUrl
{
    // The stores imgproxy names by scheme; the source holding each URL is found by its kind (IOriginKind.KeyOf).
    private static readonly (string Scheme, string What)[] Stores = [("s3://", "S3 source with that Bucket"), ("abs://", "AzureBlob source with that Container")];

    /// <summary>The source and key of <paramref name="url"/>; a 400 problem naming it where no configured source holds it.</summary>
    public static (string Source, string Key) Resolve(string url, SourceUrls sources)
    {
        if (url.StartsWith("local:///", StringComparison.Ordinal))
        {
            return (sources.DefaultSource, url["local:///".Length..]);
        }

        foreach (var (scheme, what) in Stores)
        {
            if (url.StartsWith(scheme, StringComparison.Ordinal))
            {
                var store = url[scheme.Length..].Split('/')[0];
                return sources.Holder(url)
                    ?? throw Problems.BadParameter("url", $"The source URL '{url}' names '{store}', and no {what} is configured, so it is not fetched.");
            }
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return sources.Resolve("url", url);
        }

        throw Problems.BadParameter("url", $"The source URL '{url}' must be local:///key, s3://bucket/key, abs://container/key or an http(s) URL under a configured Http source.");
    }
}
