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
        var builder = services.AddOpenTelemetry();
        builder
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MediaEdgeMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
                }
            });

        // Traces go only to an OTLP collector: with none configured nobody listens, and no request pays for an Activity.
        if (otlp)
        {
            builder.WithTracing(tracing => tracing.AddSource(MediaEdgeTracing.SourceName).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint)));
        }
    }
}
