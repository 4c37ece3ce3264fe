namespace MediaEdge.Load;

/// <summary>
/// A named load shape: which request the i-th one is, how many to send by default, and what the run must show
/// beyond the common thresholds. Indices count from 0 across the warm-up and the measured requests alike.
/// </summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>One line saying what is sent and what is expected.</summary>
    string Description { get; }

    int DefaultConcurrency { get; }

    int DefaultRequests(int concurrency);

    int DefaultWarmup { get; }

    LoadRequest Next(long index);

    /// <summary>The scenario's own pass/fail checks on the measured requests.</summary>
    IEnumerable<Check> Checks(LoadReport report);
}
