using System.Collections.Concurrent;
using MediaEdge.Limits;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Limits;

/// <summary>Fair shares of the transform slots between tenants (sources): who gets a freed slot, and the slot left for others.</summary>
public sealed class TransformGateFairnessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AFreedSlot_GoesToTheWaitingTenantWithFewestRunning_NotToTheFirstInLine()
    {
        using var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2 }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var work = new Work();
        var flood = Enumerable.Range(0, 5).Select(i => work.Start(sut, "a", $"a{i}")).ToList();
        await work.WaitStartedAsync(2);
        var quiet = work.Start(sut, "b", "b0");

        work.Finish("a0");
        await work.WaitStartedAsync(3);

        Assert.Equal(["a0", "a1", "b0"], work.Started.Take(3).Order());
        Assert.Equal(1, sut.RunningOf("a"));
        work.FinishAll();
        await Task.WhenAll([.. flood, quiet]).WaitAsync(Patience);
    }

    [Fact]
    public async Task WhileAnotherTenantIsActive_NoTenantTakesTheLastSlot_AndTheOtherIsServedAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2 }, time);
        var work = new Work();
        await Task.WhenAll(work.Start(sut, "b", "b0"), Task.Run(() => work.Finish("b0"))).WaitAsync(Patience);

        var flood = Enumerable.Range(0, 3).Select(i => work.Start(sut, "a", $"a{i}")).ToList();
        await work.WaitStartedAsync(2);
        var quiet = work.Start(sut, "b", "b1");
        await work.WaitStartedAsync(3);

        Assert.Equal(["b0", "a0", "b1"], work.Started);
        Assert.Equal(1, sut.RunningOf("a"));
        work.FinishAll();
        await Task.WhenAll([.. flood, quiet]).WaitAsync(Patience);
    }

    [Fact]
    public async Task OnceTheOtherTenantHasBeenQuietForItsWindow_ATenantTakesTheLastSlotToo()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2, TransformTimeoutSeconds = 60 }, time);
        var work = new Work();
        await Task.WhenAll(work.Start(sut, "b", "b0"), Task.Run(() => work.Finish("b0"))).WaitAsync(Patience);
        var flood = Enumerable.Range(0, 2).Select(i => work.Start(sut, "a", $"a{i}")).ToList();
        await work.WaitStartedAsync(2);
        Assert.Equal(1, sut.RunningOf("a"));

        // The line is looked at again while it is not empty: once b's window has passed, a's second transform starts.
        time.Advance(TransformGate.ActiveWindow + TimeSpan.FromSeconds(1));
        await work.WaitStartedAsync(3);

        Assert.Equal(2, sut.RunningOf("a"));
        work.FinishAll();
        await Task.WhenAll(flood).WaitAsync(Patience);
    }

    [Fact]
    public async Task ATenantAlone_UsesEverySlot()
    {
        using var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 3 }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var work = new Work();

        var running = Enumerable.Range(0, 3).Select(i => work.Start(sut, "a", $"a{i}")).ToList();
        await work.WaitStartedAsync(3);

        Assert.Equal(3, sut.RunningOf("a"));
        work.FinishAll();
        await Task.WhenAll(running).WaitAsync(Patience);
    }

    /// <summary>Transforms that block until the test finishes them, recording the order in which they started.</summary>
    private sealed class Work
    {
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _holds = new();
        private readonly ConcurrentQueue<string> _started = new();
        private readonly SemaphoreSlim _starts = new(0);

        public IReadOnlyList<string> Started => [.. _started];

        public Task<string> Start(TransformGate gate, string tenant, string name) =>
            gate.RunAsync(
                _ =>
                {
                    _started.Enqueue(name);
                    _starts.Release();
                    Hold(name).Wait(Patience);
                    return name;
                },
                0,
                tenant: tenant);

        public async Task WaitStartedAsync(int count)
        {
            while (_started.Count < count)
            {
                Assert.True(await _starts.WaitAsync(Patience), $"{_started.Count} of {count} transforms started: {string.Join(", ", _started)}");
            }
        }

        public void Finish(string name) => Hold(name).Release();

        public void FinishAll()
        {
            foreach (var name in new[] { "a0", "a1", "a2", "a3", "a4", "b0", "b1" })
            {
                Finish(name);
            }
        }

        private SemaphoreSlim Hold(string name) => _holds.GetOrAdd(name, _ => new SemaphoreSlim(0));
    }
}
