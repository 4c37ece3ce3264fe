using MediaEdge.Limits;

namespace MediaEdge.Imaging.Isolation;

/// <summary>What a worker's engine is built from: the node's own options, passed as JSON on its command line.</summary>
internal sealed record WorkerOptions(LimitsOptions Limits, ImagingOptions Imaging);
