using MediaEdge.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MediaEdge.Server.Diagnostics;

/// <summary>OpenTelemetry: the MediaEdge meter and activity source, ASP.NET Core and runtime instruments, Prometheus on /metrics, OTLP by configuration.</summary>
public static class Telemetry
{
    public static void AddMediaEdgeTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MediaEdgeMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(MediaEdgeTracing.SourceName).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
                }
            });
    }
}
