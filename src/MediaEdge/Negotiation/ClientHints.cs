using System.Globalization;

namespace MediaEdge.Negotiation;

/// <summary>The client-hint headers a request carried. Malformed values are ignored: a header is not a parameter.</summary>
public sealed record ClientHints(double? Dpr, int? Width, bool SaveData)
{
    public static ClientHints None { get; } = new(null, null, false);

    /// <summary>What <c>Accept-CH</c> advertises on image responses.</summary>
    public const string AcceptCh = "Sec-CH-DPR, Sec-CH-Width, DPR, Width, Save-Data";

    /// <summary>Every header <see cref="Read"/> looks at: a request's form (<see cref="Pipeline.RequestForms"/>) holds them all.</summary>
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
            width = Math.Min(w, Requests.ImageQueryParser.MaxDimension);
        }

        var saveData = string.Equals(header("Save-Data")?.Trim(), "on", StringComparison.OrdinalIgnoreCase);
        return new ClientHints(dpr, width, saveData);
    }
}
