using MediaEdge.Requests;

namespace MediaEdge.Tests.Negotiation;

/// <summary>What an engine can encode, as the negotiator is told.</summary>
internal static class Engines
{
    /// <summary>Like the managed ImageSharp engine: no AVIF, no progressive JPEG.</summary>
    public static bool Managed(OutputFormat format) =>
        format is OutputFormat.Jpeg or OutputFormat.Png or OutputFormat.Webp or OutputFormat.Gif or OutputFormat.Json;

    /// <summary>An engine that encodes every format, AVIF included.</summary>
    public static bool Full(OutputFormat format) => true;
}
