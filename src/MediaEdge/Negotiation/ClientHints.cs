using System.Globalization;

namespace MediaEdge.Negotiation;

/// <summary>The client-hint headers a request carried. Malformed values are ignored: a header is not a parameter.</summary>
public sealed record ClientHints(double? Dpr, int? Width, bool SaveData)
{
    public static ClientHints None { get; } = new(null, null, false);

    /// <summary>What <c>Accept-CH</c> advertises on image responses.</summary>
    public const string AcceptCh = "Sec-CH-DPR, Sec-CH-Width, DPR, Width, Save-Data";

    /// <summary>Every header <see cref="Read"/> looks at: a request's form (<see cref="Pipeline.RequestForms"/>) holds them all.</summary>
    /// <summary>The largest width hint taken, in device pixels: imgix's largest output side (https://docs.imgix.com/apis/rendering/size/image-width).</summary>
    public const int MaxWidth = 8192;

    public static IReadOnlyList<string> HeaderNames { get; } = ["Sec-CH-DPR", "DPR", "Sec-CH-Width", "Width", "Save-Data"];

    public static ClientHints Read(Func<string, string?> header)
    {
        double? dpr = null;
        var dprText = header("Sec-CH-DPR") ?? header("DPR");
        if (double.TryParse(dprText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0)
        {
            // The dpr parameter's range (above 0, at most imgix's 5): a zoomed-out page's 0.5 gets fewer pixels, a 7 gets 5.
            dpr = Math.Min(d, Requests.ImageQueryParser.MaxDpr);
        }

        int? width = null;
        var widthText = header("Sec-CH-Width") ?? header("Width");
        if (int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0)
        {
            // Past imgix's largest output side every width gives the same output, scaled down to fit: one variant for them all.
            width = Math.Min(w, MaxWidth);
        }

        var saveData = string.Equals(header("Save-Data")?.Trim(), "on", StringComparison.OrdinalIgnoreCase);
        return new ClientHints(dpr, width, saveData);
    }
}
