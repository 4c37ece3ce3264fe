using BenchmarkDotNet.Running;

namespace MediaEdge.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case RssProbe.Flag:
                return RssProbe.Run(args);
            case ThroughputProbe.Flag:
                return ThroughputProbe.Run(args);
            case QualitySweep.Flag:
                return QualitySweep.Run(args);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

        // BenchmarkDotNet exits 0 even when a setup threw (a missing photo); a script should see the failure.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
