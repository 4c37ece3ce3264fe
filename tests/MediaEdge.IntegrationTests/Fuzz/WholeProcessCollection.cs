namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>
/// Tests that load the whole process (the fuzz run, hostile bursts, variant floods) and measure its rate or memory:
/// they run after the parallel collections, one at a time, so nothing else skews what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeProcessCollection
{
    public const string Name = "whole process";
}
