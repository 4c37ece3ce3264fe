using MediaEdge.Caching;
using MediaEdge.Caching.Disk;
using MediaEdge.Composition;
using MediaEdge.Dialects;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Security;
using MediaEdge.Server.Admin;
using MediaEdge.Server.Diagnostics;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;
using MediaEdge.Video;
using MediaEdge.Video.Streaming;
using Microsoft.Extensions.Options;

namespace MediaEdge.Server.Configuration;

/// <summary>Binds the MediaEdge section, fills the embedded defaults, and refuses to start on a bad value, naming its key.</summary>
public static class MediaEdgeOptionsLoader
{
    /// <summary>
    /// The bound options, checked by each feature's own <see cref="IValidateOptions{TOptions}"/> against the extensions
    /// <paramref name="services"/> registers; throws <see cref="OptionsValidationException"/> listing every failure. Checked
    /// here, before the host is built, rather than by <c>ValidateOnStart</c>: what the host registers depends on the values
    /// (Redis or not, which engine).
    /// </summary>
    public static MediaEdgeOptions Load(IConfiguration configuration, string contentRoot, IServiceCollection services)
    {
        var options = new MediaEdgeOptions();
        try
        {
            configuration.GetSection(MediaEdgeOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw Refused([e.Message + (e.InnerException is null ? "" : " " + e.InnerException.Message)]);
        }

        foreach (var (name, source) in options.Sources)
        {
            source.From(configuration.GetSection($"{MediaEdgeOptions.Section}:Sources:{name}"));
        }

        options.Dialects.From(configuration.GetSection($"{MediaEdgeOptions.Section}:Dialects"));
        if (options.Sources.Count == 0)
        {
            // The embedded default: the repository's samples/ folder, served as "local".
            options.Sources["local"] = SourceOptions.Of("FileSystem", ("Root", "samples"));
        }

        ThrowIfFailed(Validate(options, contentRoot, services));
        return options;
    }

    /// <summary>The host's own sections, <c>MediaEdge:Telemetry</c>, <c>MediaEdge:Shutdown</c> and <c>MediaEdge:Admin</c>, checked the same way.</summary>
    public static (TelemetryOptions Telemetry, ShutdownOptions Shutdown, AdminOptions Admin) LoadHost(IConfiguration configuration)
    {
        var telemetry = configuration.GetSection($"{MediaEdgeOptions.Section}:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var shutdown = configuration.GetSection($"{MediaEdgeOptions.Section}:Shutdown").Get<ShutdownOptions>() ?? new ShutdownOptions();
        var admin = configuration.GetSection($"{MediaEdgeOptions.Section}:Admin").Get<AdminOptions>() ?? new AdminOptions();
        ThrowIfFailed([new TelemetryOptionsValidator().Validate(null, telemetry), new ShutdownOptionsValidator().Validate(null, shutdown), new AdminOptionsValidator().Validate(null, admin)]);
        return (telemetry, shutdown, admin);
    }

    private static IEnumerable<ValidateOptionsResult> Validate(MediaEdgeOptions options, string contentRoot, IServiceCollection services)
    {
        var sources = new SourceOptionsValidator(contentRoot, NamedExtensions<IOriginKind>.In(services));
        var tenancy = new TenancyOptionsValidator();
        foreach (var (name, source) in options.Sources)
        {
            yield return sources.Validate(name, source);
            yield return tenancy.Validate(name, source);
        }

        yield return new CacheOptionsValidator().Validate(null, options.Cache);
        yield return new DiskCacheOptionsValidator().Validate(null, options.Cache.Disk);
        yield return new ImagingOptionsValidator(NamedExtensions<IEngineKind>.In(services)).Validate(null, options.Imaging);
        yield return new LimitsOptionsValidator().Validate(null, options.Limits);
        yield return new VideoOptionsValidator().Validate(null, options.Video);
        yield return new HlsOptionsValidator().Validate(null, options.Video.Hls);
        yield return new SecurityOptionsValidator().Validate(null, options.Security);
        yield return new DialectOptionsValidator(options.Sources.Keys, NamedExtensions<IUrlDialect>.In(services)).Validate(null, options.Dialects);
        yield return new PresetOptionsValidator().Validate(null, options.Presets);
        yield return new UsageOptionsValidator().Validate(null, options.Usage);
    }

    private static void ThrowIfFailed(IEnumerable<ValidateOptionsResult> results)
    {
        var failures = results.Where(result => result.Failed).SelectMany(result => result.Failures ?? []).ToList();
        if (failures.Count > 0)
        {
            throw Refused(failures);
        }
    }

    private static OptionsValidationException Refused(IEnumerable<string> failures) =>
        new(MediaEdgeOptions.Section, typeof(MediaEdgeOptions), failures);
}
