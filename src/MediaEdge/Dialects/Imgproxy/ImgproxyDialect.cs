using System.Buffers.Text;
using System.Text;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>
/// imgproxy's processing URLs (docs.imgproxy.net/usage/processing), mounted under <c>/imgproxy</c> since they start at the
/// root: <c>/imgproxy/{signature}/{options}/plain/{source url}@{extension}</c> or
/// <c>/imgproxy/{signature}/{options}/{base64url source url}.{extension}</c>, signed with imgproxy's own scheme
/// (<see cref="ImgproxySignature"/>, keys in <c>MediaEdge:Dialects:imgproxy</c>). With no format or extension the format
/// is negotiated by <c>Accept</c> (imgix <c>auto=format</c>).
/// </summary>
public sealed class ImgproxyDialect : IUrlDialect
{
    private const string Prefix = "/imgproxy/";
    private static readonly ImgproxyOptionsValidator Validator = new();
    private readonly ImgproxySignature _signature;

    /// <summary>The dialect without signing, as found by name; <see cref="Configure"/> gives the one served.</summary>
    public ImgproxyDialect()
        : this(new ImgproxyOptions())
    {
    }

    /// <summary>The dialect checking signatures under <paramref name="options"/>' key and salt.</summary>
    public ImgproxyDialect(ImgproxyOptions options) => _signature = new ImgproxySignature(options);

    public string Name => "imgproxy";

    public string Route => "/imgproxy/{**path}";

    public void Validate(DialectOptions options, ICollection<string> errors)
    {
        if (Validator.Validate(Name, options.Bind<ImgproxyOptions>(Name)) is { Failed: true } result)
        {
            foreach (var failure in result.Failures)
            {
                errors.Add(failure);
            }
        }
    }

    public IUrlDialect Configure(DialectOptions options) => new ImgproxyDialect(options.Bind<ImgproxyOptions>(Name));

    public DialectLink Link(LinkRequest request) => ImgproxyLink.Write(Name, request, _signature);

    public DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources) =>
        Translate(Prefix + routeValues.GetValueOrDefault("path"), routeValues, query, sources);

    public DialectRequest Translate(string rawPath, IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources)
    {
        var afterPrefix = rawPath.StartsWith(Prefix, StringComparison.Ordinal) ? rawPath[Prefix.Length..] : rawPath.TrimStart('/');
        var slash = afterPrefix.IndexOf('/');
        if (slash <= 0 || slash == afterPrefix.Length - 1)
        {
            throw Problems.BadParameter("path", "An imgproxy URL is /imgproxy/{signature}/{processing options}/{source URL}.");
        }

        var signature = afterPrefix[..slash];
        var path = afterPrefix[slash..];
        if (!_signature.Enabled && signature.Contains(':'))
        {
            throw Problems.BadParameter("signature", $"'{signature}' is a processing option where the signature belongs: begin with insecure (or the signature).");
        }

        _signature.Verify(signature, path);

        var parts = path[1..].Split('/');
        var options = new ImgproxyProcessingOptions();
        var i = 0;
        for (; i < parts.Length; i++)
        {
            // Some proxies encode ':' in the options (imgproxy's RedenormalizePath undoes it too).
            var args = parts[i].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase).Split(':');
            if (args.Length == 1)
            {
                break;
            }

            options.Apply(args[0], args[1..]);
        }

        var (url, extension) = SourceUrl(parts[i..]);
        if (extension is not null)
        {
            options.Extension(extension);
        }

        var (source, key) = ImgproxySourceUrl.Resolve(url, sources);
        return new DialectRequest(source, key, options.ToImgix());
    }

    private static (string Url, string? Extension) SourceUrl(string[] parts)
    {
        if (parts.Length == 0 || parts[0].Length == 0)
        {
            throw Problems.BadParameter("url", "Image URL is empty.");
        }

        if (parts[0] is "fit" or "fill" or "fill-down" or "force" or "auto")
        {
            throw Problems.BadParameter("url", "It looks like you're using imgproxy's deprecated basic URL format, which is not supported: use rs:type:width:height:enlarge.");
        }

        if (parts[0] == "enc")
        {
            throw Problems.BadParameter("enc", "Encrypted source URLs (imgproxy Pro) are not supported: give the URL plain or base64-encoded.");
        }

        if (parts[0] == "plain" && parts.Length > 1)
        {
            var plain = string.Join('/', parts[1..]).Split('@');
            return plain switch
            {
                [var url] when url.Length > 0 => (Uri.UnescapeDataString(url), null),
                [var url, var ext] when url.Length > 0 => (Uri.UnescapeDataString(url), ext.Length > 0 ? ext : null),
                [""] or ["", _] => throw Problems.BadParameter("url", "Image URL is empty."),
                _ => throw Problems.BadParameter("url", $"Multiple formats are specified: {string.Join('@', plain)}"),
            };
        }

        var encoded = string.Concat(parts).Split('.');
        if (encoded.Length > 2)
        {
            throw Problems.BadParameter("url", $"Multiple formats are specified: {string.Join('.', encoded)}");
        }

        var text = encoded[0].TrimEnd('=');
        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (text.Length == 0 || !Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var length))
        {
            throw Problems.BadParameter("url", $"Invalid url encoding: {encoded[0]}");
        }

        return (Encoding.UTF8.GetString(bytes, 0, length), encoded.Length == 2 && encoded[1].Length > 0 ? encoded[1] : null);
    }
}
