using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MediaEdge.Limits;

namespace MediaEdge.Benchmarks;

/// <summary>
/// The encoded size of a transform case. Computed in the host process by rendering the case once,
/// because the measured process cannot hand values back; the encoders are deterministic, so the bytes are the same.
/// </summary>
internal sealed class OutputBytesColumn : IColumn
{
    private readonly ConcurrentDictionary<(string Photo, string Method), string> _sizes = new();

    public string Id => nameof(OutputBytesColumn);

    public string ColumnName => "Bytes";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Size of the encoded output in bytes";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        _sizes.GetOrAdd(
            ((string)benchmarkCase.Parameters[nameof(TransformBenchmarks.Photo)], benchmarkCase.Descriptor.WorkloadMethod.Name),
            Measure);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string Measure((string Photo, string Method) c)
    {
        try
        {
            var limits = new LimitsOptions();
            var @case = TransformCase.Of(c.Method);
            var output = Transform.Run(Engines.Create(@case.Engine, limits), limits, MediaDirectory.Read(c.Photo), Transform.SpecFor(@case.Format));
            return output.Bytes.Length.ToString("N0", CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // The run itself reports the missing photo; the table should still print.
            return "?";
        }
    }
}
