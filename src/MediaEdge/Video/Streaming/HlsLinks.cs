namespace MediaEdge.Video.Streaming;

/// <summary>
/// The links a playlist writes: relative to the document, carrying its query (without <c>s</c>), and signed again
/// where the source's URLs are signed, each signature over the absolute path the player will ask for.
/// </summary>
/// <param name="HlsFolder">The raw path of the stream's <c>hls/</c> folder as requested, ending in a slash.</param>
/// <param name="Query">The request's raw query without <c>s</c>, with its <c>?</c>, or empty.</param>
/// <param name="Sign">Signs an absolute path and query (see <c>UrlSignature.SignLike</c>).</param>
public sealed record HlsLinks(string HlsFolder, string Query, Func<string, string> Sign)
{
    /// <summary>The link to <paramref name="underHls"/> (a path below the hls/ folder, like <c>720p/3.ts</c>) from a document in <paramref name="documentFolder"/> (empty or like <c>720p/</c>).</summary>
    public string To(string underHls, string documentFolder = "")
    {
        var absolute = HlsFolder + underHls;
        var signed = Sign(absolute + Query);
        return underHls[documentFolder.Length..] + signed[absolute.Length..];
    }
}
