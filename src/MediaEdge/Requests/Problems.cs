namespace MediaEdge.Requests;

/// <summary>The problems MediaEdge answers with, one factory per kind, so status codes stay consistent.</summary>
public static class Problems
{
    public static ProblemException BadParameter(string parameter, string detail) =>
        new(400, "bad-parameter", $"Invalid parameter '{parameter}'", detail, new Dictionary<string, object?> { ["parameter"] = parameter });

    /// <param name="key">The limit's configuration key (<c>Limits:MaxOutputPixels</c>, or a source's own).</param>
    public static ProblemException OutputTooLarge(long pixels, long limit, string key = "Limits:MaxOutputPixels") =>
        new(400, "output-too-large", "Requested output is too large",
            $"The output would be {pixels} pixels; the limit ({key}) is {limit}. Ask for a smaller w, h or dpr.",
            new Dictionary<string, object?> { ["limit"] = "MaxOutputPixels", ["max"] = limit, ["actual"] = pixels });

    public static ProblemException UnknownSource(string source) =>
        new(404, "unknown-source", "Unknown source", $"No source named '{source}' is configured (MediaEdge:Sources).",
            new Dictionary<string, object?> { ["source"] = source });

    public static ProblemException NotFound(string source, string key) =>
        new(404, "not-found", "Source object not found", $"'{key}' was not found in source '{source}'.",
            new Dictionary<string, object?> { ["source"] = source, ["key"] = key });

    public static ProblemException BadKey(string key, string detail) =>
        new(400, "bad-key", "Invalid object key", detail, new Dictionary<string, object?> { ["key"] = key });

    /// <param name="key">The limit's configuration key where it is not <c>Limits:{limit}</c> (a source's own).</param>
    public static ProblemException SourceTooLarge(string limit, long max, long actual, string unit, string? key = null) =>
        new(413, "source-too-large", "Source is too large",
            $"The source has {actual} {unit}; the limit ({key ?? "Limits:" + limit}) is {max}.",
            new Dictionary<string, object?> { ["limit"] = limit, ["max"] = max, ["actual"] = actual });

    public static ProblemException DecodeTooLarge(string limit, Exception inner) =>
        new(413, "source-too-large", "Source is too large to decode",
            $"Decoding needs more memory in one buffer than Limits:{limit} allows. Use a smaller source.",
            new Dictionary<string, object?> { ["limit"] = limit }, inner);

    public static ProblemException UnsupportedMedia(string detail) =>
        new(415, "unsupported-media", "Unsupported media", detail);

    /// <summary>A valid source that this engine cannot read (a format or coding feature it lacks); the other engine may.</summary>
    public static ProblemException EngineCannotRead(string engine, string detail, Exception? inner = null) =>
        new(415, "unsupported-media", "Unsupported media", detail, new Dictionary<string, object?> { ["engine"] = engine }, inner);

    /// <summary>True for <see cref="EngineCannotRead"/>: a limit of one engine, not of the source.</summary>
    public static bool IsEngineLimitation(ProblemException problem) => problem.Status == 415 && problem.Extensions.ContainsKey("engine");

    public static ProblemException Undecodable(string detail, Exception? inner = null) =>
        new(422, "undecodable", "The source could not be decoded", detail, inner: inner);

    public static ProblemException Overloaded(string detail, int retryAfterSeconds) =>
        new(503, "overloaded", "Too many transforms in progress", detail) { RetryAfterSeconds = retryAfterSeconds };

    public static ProblemException TransformTimeout(int seconds) =>
        new(503, "transform-timeout", "The transform took too long",
            $"The transform did not finish within Limits:TransformTimeoutSeconds ({seconds} s). Try a smaller output, or retry later.",
            new Dictionary<string, object?> { ["limit"] = "TransformTimeoutSeconds", ["max"] = seconds }) { RetryAfterSeconds = 5 };

    public static ProblemException OriginTimeout(string source, int seconds) =>
        new(504, "origin-timeout", "The origin did not answer in time",
            $"The origin of '{source}' did not answer within {seconds} s (MediaEdge:Sources:{source}:TimeoutSeconds). Retry later.",
            new Dictionary<string, object?> { ["source"] = source }) { RetryAfterSeconds = 5 };

    public static ProblemException OriginRefused(string source, string detail) =>
        new(502, "origin-refused", "The origin address is not allowed", detail, new Dictionary<string, object?> { ["source"] = source });

    public static ProblemException OriginFailed(string source, string detail, Exception? inner = null) =>
        new(502, "origin-failed", "The origin failed", detail, new Dictionary<string, object?> { ["source"] = source }, inner);
}
