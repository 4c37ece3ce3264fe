using Microsoft.Extensions.Options;

namespace MediaEdge.Server.Diagnostics;

/// <summary>Checks <c>MediaEdge:Telemetry</c> at start: an OTLP endpoint, when set, is an absolute http(s) URL.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        // "collector:4317" parses as an absolute URI of scheme "collector"; the exporter would then fail at every export, silently.
        string.IsNullOrWhiteSpace(options.OtlpEndpoint) || (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlp) && otlp.Scheme is "http" or "https")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"MediaEdge:Telemetry:OtlpEndpoint must be an absolute http(s) URL like http://collector:4317 (got '{options.OtlpEndpoint}').");
}
