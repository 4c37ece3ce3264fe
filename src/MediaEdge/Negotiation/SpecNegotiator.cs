using MediaEdge.Requests;

namespace MediaEdge.Negotiation;

/// <summary>Applies <c>Accept</c>, client hints and defaults to parsed parameters, giving the canonical spec.</summary>
public static class SpecNegotiator
{
    public static NegotiatedSpec Negotiate(ImageParameters p, string? accept, ClientHints hints, Func<OutputFormat, bool> canEncode, string engineName)
    {
        var vary = new List<string>(4);
        var format = OutputFormat.Source;
        if (p.Format is { } explicitFormat)
        {
            if (!canEncode(explicitFormat))
            {
                var token = explicitFormat == OutputFormat.ProgressiveJpeg ? "pjpg" : explicitFormat.ToString().ToLowerInvariant();
                throw Problems.BadParameter("fm", $"fm={token} is not available: the '{engineName}' engine does not encode it. Choose another fm, or run an engine that does (Imaging:Engine).");
            }

            format = explicitFormat;
        }
        else if (p.AutoFormat)
        {
            vary.Add("Accept");
            format = canEncode(OutputFormat.Avif) && AcceptNegotiator.Accepts(accept, "image/avif") ? OutputFormat.Avif
                : AcceptNegotiator.Accepts(accept, "image/webp") ? OutputFormat.Webp
                : OutputFormat.JpegOrPng;
        }
        else if (p.AutoCompress)
        {
            // imgix: auto=compress alone picks PNG for images with transparency and JPEG for the rest.
            format = OutputFormat.JpegOrPng;
        }

        var width = p.Width;
        var dpr = p.Dpr ?? 1;
        if (p.ClientHints.HasFlag(ClientHintSet.Dpr))
        {
            vary.Add("Sec-CH-DPR");
            vary.Add("DPR");
            if (p.Dpr is null && hints.Dpr is { } hintedDpr)
            {
                dpr = hintedDpr;
            }
        }

        if (p.ClientHints.HasFlag(ClientHintSet.Width))
        {
            vary.Add("Sec-CH-Width");
            vary.Add("Width");
            if (p.Width is null && hints.Width is { } hintedWidth)
            {
                // The Width hint is in device pixels already, so dpr must not multiply it again.
                width = Dimension.Pixels(hintedWidth);
                dpr = 1;
            }
        }

        var compress = p.AutoCompress;
        if (p.ClientHints.HasFlag(ClientHintSet.SaveData))
        {
            vary.Add("Save-Data");
            compress |= hints.SaveData;
        }

        var spec = new TransformSpec
        {
            Width = width,
            Height = p.Height,
            Dpr = width is null && p.Height is null ? 1 : dpr,
            Fit = p.Fit,
            Crop = p.Crop,
            FocalX = p.FocalX ?? 0.5,
            FocalY = p.FocalY ?? 0.5,
            AspectRatio = p.Fit is FitMode.Crop or FitMode.Fill ? p.AspectRatio : null,
            Rect = p.Rect,
            Format = format,
            AvifBudgeted = format == OutputFormat.Avif && p.Format is null,
            Quality = p.Quality,
            Compress = compress,
            Background = p.Background,
            Blur = p.Blur,
            Sharpen = p.Sharpen,
            Rotate = p.Rotate,
            Flip = p.Flip,
        };
        return new NegotiatedSpec(spec, vary);
    }
}
