namespace MediaEdge.Server.Diagnostics;

/// <summary>MediaEdge:Telemetry — where metrics and traces go besides /metrics.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP endpoint (<c>http://collector:4317</c>) for traces and metrics; empty means no OTLP export. Default empty.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The service.name resource attribute. Default mediaedge.</summary>
    public string ServiceName { get; set; } = "mediaedge";
}
