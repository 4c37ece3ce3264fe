using MediaEdge.Composition;
using MediaEdge.Dialects;
using MediaEdge.Imaging;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Server.Configuration;

/// <summary>Checks every option once at start; each message names the configuration key and what would be valid.</summary>
public static class MediaEdgeOptionsValidator
{
    public static IReadOnlyList<string> Validate(MediaEdgeOptions o, string contentRoot)
    {
        var errors = new List<string>();
        void Positive(string key, long value)
        {
            if (value <= 0)
            {
                errors.Add($"MediaEdge:{key} must be greater than 0 (got {value}).");
            }
        }

        foreach (var (name, source) in o.Sources)
        {
            var key = $"MediaEdge:Sources:{name}";
            if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
            {
                errors.Add($"{key}: a source name must be non-empty and hold no '/'.");
            }

            if (NamedExtensions<IOriginKind>.Find(source.Kind) is { } kind)
            {
                kind.Validate(key, name, source, contentRoot, errors);
            }
            else
            {
                errors.Add($"{key}:Kind must be {NamedExtensions<IOriginKind>.Names} (got '{source.Kind}').");
            }

            // The token is a secret: the message gives its length, not its value.
            if (source.ImgixSecureToken is { Length: > 0 } token && (token.Length < 8 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                errors.Add($"{key}:ImgixSecureToken must be the source's imgix secure URL token: 8 or more characters, no spaces or control characters (got {token.Length} characters).");
            }
        }

        Positive("Cache:MemoryBytes", o.Cache.MemoryBytes);
        Positive("Cache:FreshSeconds", o.Cache.FreshSeconds);
        if (o.Cache.SourceSeconds < 0)
        {
            errors.Add($"MediaEdge:Cache:SourceSeconds must be 0 or more (got {o.Cache.SourceSeconds}).");
        }

        if (o.Cache.StaleWhileRevalidateSeconds < 0 || o.Cache.StaleIfErrorSeconds < 0)
        {
            errors.Add("MediaEdge:Cache:StaleWhileRevalidateSeconds and StaleIfErrorSeconds must be 0 or more.");
        }

        var redis = o.Cache.Redis;
        if (!string.IsNullOrWhiteSpace(redis.Configuration))
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            }
            catch (ArgumentException e)
            {
                errors.Add($"MediaEdge:Cache:Redis:Configuration is not a valid StackExchange.Redis configuration: {e.Message}");
            }
        }

        Positive("Cache:Redis:OperationTimeoutMilliseconds", redis.OperationTimeoutMilliseconds);
        Positive("Cache:Redis:MaxValueBytes", redis.MaxValueBytes);
        Positive("Cache:Redis:BreakerFailures", redis.BreakerFailures);
        Positive("Cache:Redis:BreakerSeconds", redis.BreakerSeconds);
        Positive("Cache:Redis:VersionCheckSeconds", redis.VersionCheckSeconds);
        if (redis.SourceSeconds < 0 || redis.LockSeconds < 0)
        {
            errors.Add("MediaEdge:Cache:Redis:SourceSeconds and LockSeconds must be 0 or more.");
        }

        if (string.IsNullOrWhiteSpace(redis.KeyPrefix) || redis.KeyPrefix.Contains('{') || redis.KeyPrefix.Contains('}'))
        {
            errors.Add($"MediaEdge:Cache:Redis:KeyPrefix must be non-empty and hold no braces (got '{redis.KeyPrefix}').");
        }

        if (NamedExtensions<IEngineKind>.Find(o.Imaging.Engine) is null)
        {
            errors.Add($"MediaEdge:Imaging:Engine must be {NamedExtensions<IEngineKind>.Names} (got '{o.Imaging.Engine}').");
        }

        if (o.Imaging.AvifEffort is < 0 or > 9)
        {
            errors.Add($"MediaEdge:Imaging:AvifEffort must be from 0 to 9 (got {o.Imaging.AvifEffort}).");
        }

        Positive("Imaging:AvifMaxPixels", o.Imaging.AvifMaxPixels);
        if (o.Imaging.LadderBytes < 0)
        {
            errors.Add($"MediaEdge:Imaging:LadderBytes must be 0 (no ladder) or more (got {o.Imaging.LadderBytes}).");
        }

        if (o.Imaging.LadderSeconds < 0 || !double.IsFinite(o.Imaging.LadderSeconds))
        {
            errors.Add($"MediaEdge:Imaging:LadderSeconds must be 0 (no ladder) or more (got {o.Imaging.LadderSeconds}).");
        }

        var l = o.Limits;
        Positive("Limits:MaxSourceBytes", l.MaxSourceBytes);
        Positive("Limits:MaxSourcePixels", l.MaxSourcePixels);
        Positive("Limits:MaxSourceFrames", l.MaxSourceFrames);
        Positive("Limits:MaxAnimationPixels", l.MaxAnimationPixels);
        Positive("Limits:MaxAnimatedOutputPixels", l.MaxAnimatedOutputPixels);
        Positive("Limits:MaxOutputPixels", l.MaxOutputPixels);
        Positive("Limits:TransformTimeoutSeconds", l.TransformTimeoutSeconds);
        Positive("Limits:MaxDecodeAllocationMegabytes", l.MaxDecodeAllocationMegabytes);
        Positive("Limits:MaxDecodeMemoryMegabytes", l.MaxDecodeMemoryMegabytes);
        if (l.MaxConcurrentTransforms < 0)
        {
            errors.Add($"MediaEdge:Limits:MaxConcurrentTransforms must be 0 (one per core) or more (got {l.MaxConcurrentTransforms}).");
        }

        if (l.MaxQueuedTransforms < 0)
        {
            errors.Add($"MediaEdge:Limits:MaxQueuedTransforms must be 0 (no cap: the predicted wait decides) or more (got {l.MaxQueuedTransforms}).");
        }

        if (l.MaxQueueWaitSeconds < 0 || (l.TransformTimeoutSeconds > 0 && l.MaxQueueWaitSeconds > l.TransformTimeoutSeconds))
        {
            errors.Add($"MediaEdge:Limits:MaxQueueWaitSeconds must be from 0 (no bound beyond Limits:TransformTimeoutSeconds) to Limits:TransformTimeoutSeconds ({l.TransformTimeoutSeconds}): the longest predicted wait for a transform slot before a request is refused with 503 (got {l.MaxQueueWaitSeconds}).");
        }

        var v = o.Video;
        Positive("Video:MaxProcesses", v.MaxProcesses);
        Positive("Video:TimeoutSeconds", v.TimeoutSeconds);
        if (v.MaxQueueWaitSeconds is < 1 or > 3600)
        {
            errors.Add($"MediaEdge:Video:MaxQueueWaitSeconds must be from 1 to 3600: the longest a video job may be predicted to wait for an ffmpeg process before it is refused with 503 (got {v.MaxQueueWaitSeconds}).");
        }

        if (!(v.MaxAnimatedSeconds > 0 && double.IsFinite(v.MaxAnimatedSeconds)))
        {
            errors.Add($"MediaEdge:Video:MaxAnimatedSeconds must be greater than 0 (got {v.MaxAnimatedSeconds}).");
        }

        Positive("Video:MaxAnimatedFps", v.MaxAnimatedFps);
        Positive("Video:MaxAnimatedDimension", v.MaxAnimatedDimension);
        Positive("Video:MaxStoryboardTiles", v.MaxStoryboardTiles);
        if (v.BlockBytes < 4096)
        {
            errors.Add($"MediaEdge:Video:BlockBytes must be 4096 or more (got {v.BlockBytes}).");
        }

        if (o.Security.RequireSignature && o.Security.SigningKeys.Length == 0)
        {
            errors.Add("MediaEdge:Security:RequireSignature is true but MediaEdge:Security:SigningKeys is empty: add a key.");
        }

        for (var i = 0; i < o.Security.SigningKeys.Length; i++)
        {
            // Anyone can compute an HMAC under a blank key, so it would make every signature forgeable.
            if (string.IsNullOrWhiteSpace(o.Security.SigningKeys[i]))
            {
                errors.Add($"MediaEdge:Security:SigningKeys:{i} is blank: a signing key must be a secret (remove it, or set it).");
            }
        }

        foreach (var name in o.Dialects.EnabledNames() ?? [])
        {
            if (NamedExtensions<IUrlDialect>.Find(name) is null)
            {
                errors.Add($"MediaEdge:Dialects:Enabled: '{name}' is not a URL dialect; the dialects are {NamedExtensions<IUrlDialect>.Names}.");
            }
        }

        foreach (var name in o.Dialects.EnabledNames() ?? NamedExtensions<IUrlDialect>.All.Select(d => d.Name))
        {
            NamedExtensions<IUrlDialect>.Find(name)?.Validate(o.Dialects, errors);
        }

        if (o.Dialects.DefaultSource is { } defaultSource && !o.Sources.ContainsKey(defaultSource))
        {
            errors.Add($"MediaEdge:Dialects:DefaultSource must name a configured source (got '{o.Dialects.DefaultSource}'; the sources are {string.Join(", ", o.Sources.Keys)}).");
        }

        var parser = new ImageQueryParser(o.Presets);
        foreach (var (name, query) in o.Presets)
        {
            try
            {
                parser.Parse(QueryText.Parse(query));
            }
            catch (ProblemException e)
            {
                errors.Add($"MediaEdge:Presets:{name}: {e.Message}");
            }
        }

        return errors;
    }
}
