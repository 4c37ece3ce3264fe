using System.Text.Json.Serialization;

namespace MediaEdge.Imaging.Isolation;

/// <summary>
/// The worker protocol's JSON, generated at build time: reflection-based serializer set-up cost the node and each worker
/// tens of milliseconds on their first job (cold start, issue 13).
/// </summary>
[JsonSerializable(typeof(ImagePlan))]
[JsonSerializable(typeof(SourceInfo))]
[JsonSerializable(typeof(WorkerOptions))]
internal sealed partial class WorkerJson : JsonSerializerContext;
