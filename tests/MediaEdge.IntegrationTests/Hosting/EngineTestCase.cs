using System.ComponentModel;
using Xunit.Sdk;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// A test case run on one engine (<see cref="EngineFactAttribute"/>, <see cref="EngineTheoryAttribute"/>): its name ends
/// in the engine's name, it carries the trait <c>Engine</c>, and while it runs <see cref="Current"/> is that engine, so
/// <see cref="ServerTest"/> hands it the fixture's server for that engine. A theory whose rows do not serialize is one
/// case per engine that runs every row.
/// </summary>
public sealed class EngineTestCase : XunitTestCase
{
    private static readonly AsyncLocal<Engine?> Running = new();

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only.")]
    public EngineTestCase()
    {
    }

    /// <summary>A case of <paramref name="testMethod"/> on <paramref name="engine"/>: with the given arguments (none for a fact), or every row of a theory.</summary>
    public EngineTestCase(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, Engine engine, object[]? arguments = null, bool everyRow = false)
        : base(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, arguments)
    {
        EveryRow = everyRow;
        Bind(engine.Name);
    }

    /// <summary>The engine of the test case running on this flow, or null outside an engine test case.</summary>
    public static Engine? Current => Running.Value;

    /// <summary>The name of the engine this case runs on.</summary>
    public string EngineName { get; private set; } = "";

    /// <summary>Whether this case runs every row of a theory, enumerated when it runs.</summary>
    public bool EveryRow { get; private set; }

    /// <inheritdoc/>
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue(nameof(EngineName), EngineName);
        data.AddValue(nameof(EveryRow), EveryRow);
    }

    /// <inheritdoc/>
    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        EveryRow = data.GetValue<bool>(nameof(EveryRow));
        Bind(data.GetValue<string>(nameof(EngineName)));
    }

    /// <inheritdoc/>
    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        RunOnEngineAsync(() => EveryRow
            ? new XunitTheoryTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource).RunAsync()
            : base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource));

    private async Task<RunSummary> RunOnEngineAsync(Func<Task<RunSummary>> run)
    {
        Running.Value = Engine.Named(EngineName);
        try
        {
            return await run();
        }
        finally
        {
            Running.Value = null;
        }
    }

    /// <inheritdoc/>
    protected override string GetUniqueID() => $"{base.GetUniqueID()}[{EngineName}]";

    private void Bind(string engine)
    {
        EngineName = engine;
        Traits["Engine"] = [engine];
        DisplayName += $" [{engine}]";
    }
}
