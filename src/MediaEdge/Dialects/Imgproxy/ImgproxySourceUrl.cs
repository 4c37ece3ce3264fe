using MediaEdge.Origins.S3;
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
    /// <summary>The source and key of <paramref name="url"/>; a 400 problem naming it where no configured source holds it.</summary>
    public static (string Source, string Key) Resolve(string url, SourceUrls sources)
    {
        if (url.StartsWith("local:///", StringComparison.Ordinal))
        {
            return (sources.DefaultSource, url["local:///".Length..]);
        }

        if (Store(url, "s3://") is { } s3)
        {
            return Find(url, sources, s3, "S3 source with that Bucket", s => s.Kind == "S3" && s.Bind<S3SourceOptions>().Bucket == s3.Store);
        }

        if (Store(url, "abs://") is { } abs)
        {
            return Find(url, sources, abs, "AzureBlob source with that Container", s => s.Kind == "AzureBlob" && s.Container == abs.Store);
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return sources.Resolve("url", url);
        }

        throw Problems.BadParameter("url", $"The source URL '{url}' must be local:///key, s3://bucket/key, abs://container/key or an http(s) URL under a configured Http source.");
    }

    private static (string Store, string Key)? Store(string url, string scheme)
    {
        if (!url.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = url[scheme.Length..];
        var slash = rest.IndexOf('/');
        return slash > 0 && slash < rest.Length - 1 ? (rest[..slash], rest[(slash + 1)..]) : null;
    }

    private static (string Source, string Key) Find(string url, SourceUrls sources, (string Store, string Key) at, string what, Func<Origins.SourceOptions, bool> match)
    {
        foreach (var (name, source) in sources.Sources)
        {
            if (match(source))
            {
                return (name, at.Key);
            }
        }

        throw Problems.BadParameter("url", $"The source URL '{url}' names '{at.Store}', and no {what} is configured, so it is not fetched.");
    }
}
