namespace MediaEdge.IntegrationTests.Operations;

/// <summary>
/// Operations tests that read state shared by the whole test process: the ffmpeg children in /proc, and the Prometheus
/// exporter, whose OpenTelemetry listener takes every meter named MediaEdge in the process, whichever host made it.
/// They run after the parallel collections, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "operations, alone";
}
