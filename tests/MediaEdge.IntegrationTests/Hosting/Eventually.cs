using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// The suite's one polling wait, kept for what signals nothing a test could await: other processes (ffmpeg children,
/// redis-server, a listening socket that starts refusing) and the service's background work (revalidation, Redis
/// subscriptions). It looks every 10 ms, and gives up after a limit so a broken build fails instead of hanging.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Whether <paramref name="condition"/> held within <paramref name="limit"/>.</summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(Interval);
        }

        return true;
    }

    /// <inheritdoc cref="WithinAsync(Func{Task{bool}}, TimeSpan)"/>
    public static Task<bool> WithinAsync(Func<bool> condition, TimeSpan limit) => WithinAsync(() => Task.FromResult(condition()), limit);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, after <paramref name="limit"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        if (!await WithinAsync(condition, limit))
        {
            Assert.Fail($"Waited {limit.TotalSeconds} s for {what}.");
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string, TimeSpan)"/>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan limit) => UntilAsync(() => Task.FromResult(condition()), what, limit);
}
