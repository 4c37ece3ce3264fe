using Xunit.Sdk;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>A fact run once on each engine in <see cref="Engine.All"/>, against that engine's server of the class's fixture.</summary>
[XunitTestCaseDiscoverer("MediaEdge.IntegrationTests.Hosting.EngineFactDiscoverer", "MediaEdge.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineFactAttribute : FactAttribute;

/// <summary>Makes one <see cref="EngineTestCase"/> per engine of an <see cref="EngineFactAttribute"/> method.</summary>
public sealed class EngineFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [.. Engine.All.Select(engine => new EngineTestCase(diagnosticMessageSink, discoveryOptions, testMethod, engine))];
}

/// <summary>A theory whose every row runs once on each engine in <see cref="Engine.All"/>, against that engine's server of the class's fixture.</summary>
[XunitTestCaseDiscoverer("MediaEdge.IntegrationTests.Hosting.EngineTheoryDiscoverer", "MediaEdge.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineTheoryAttribute : TheoryAttribute;

/// <summary>Crosses the rows of an <see cref="EngineTheoryAttribute"/> method with the engines.</summary>
public sealed class EngineTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [.. Engine.All.Select(engine => new EngineTestCase(DiagnosticMessageSink, discoveryOptions, testMethod, engine, dataRow))];

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [.. Engine.All.Select(engine => new EngineTestCase(DiagnosticMessageSink, discoveryOptions, testMethod, engine, everyRow: true))];
}
