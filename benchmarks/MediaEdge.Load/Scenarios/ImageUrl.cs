using System.Globalization;
using System.Text;

namespace MediaEdge.Load.Scenarios;

/// <summary>Builds /img/{source}/{key}?... paths and maps --format to the query and Accept header that ask for it.</summary>
internal static class ImageUrl
{
    /// <summary>What Chrome sends for an &lt;img&gt;.</summary>
    public const string ChromeAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    public static readonly IReadOnlyList<string> DefaultPhotos = ["safe-landing-5k.jpg", "colorful-cups.jpg", "altai-portrait.png", "wood.webp"];

    public static string Path(string source, string key, params (string Name, object? Value)[] query)
    {
        var b = new StringBuilder("img/").Append(Uri.EscapeDataString(source)).Append('/');
        b.Append(string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            b.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
            separator = '&';
        }

        return b.ToString();
    }

    /// <summary>jpg, webp, avif: fm=; auto: auto=format negotiated from Chrome's Accept.</summary>
    public static ((string, object?) Query, string? Accept) Format(string format) => format switch
    {
        "jpg" or "jpeg" => (("fm", "jpg"), null),
        "webp" => (("fm", "webp"), null),
        "avif" => (("fm", "avif"), null),
        "auto" => (("auto", "format"), ChromeAccept),
        _ => throw new ArgumentException($"--format must be jpg, webp, avif or auto, got '{format}'."),
    };
}
