using MediaEdge.Requests;
using MediaEdge.Video;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// <see cref="VideoJobQueue"/> on a fake clock: a job is refused at once exactly when the work ahead of it, over the
/// process slots, would keep it waiting past Video:MaxQueueWaitSeconds; the estimate follows the durations jobs really
/// take, and running jobs count for the time they have left.
/// </summary>
public sealed class VideoJobQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Admission_RefusesOnlyWhenThePredictedWaitPassesTheBudget_AtOnce_WithRetryAfterThePredictedWait()
    {
        // Two processes, 10 s of waiting allowed; a frame is first guessed at 1 s.
        var sut = new VideoJobQueue(new VideoOptions { MaxProcesses = 2, MaxQueueWaitSeconds = 10 }, _time);
        var running = new[] { await sut.EnterAsync(VideoJob.Frame, default), await sut.EnterAsync(VideoJob.Frame, default) };

        // Each waiting frame adds 1 s of work over 2 processes: 2 running (1 s each) + 18 waiting = 20 s of work, a 10 s wait.
        var waiting = Enumerable.Range(0, 18).Select(_ => sut.EnterAsync(VideoJob.Frame, default)).ToList();
        Assert.Equal(10, sut.PredictedWait().TotalSeconds, 3);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        // A wait of exactly the budget is still admitted; after it, the next would wait 10.5 s.
        waiting.Add(sut.EnterAsync(VideoJob.Frame, default));
        Assert.False(waiting[^1].IsCompleted);
        Assert.Equal(10.5, sut.PredictedWait().TotalSeconds, 3);

        // Refused without waiting (the task has already failed), with Retry-After the predicted wait rounded up.
        var refused = sut.EnterAsync(VideoJob.Frame, default);
        Assert.True(refused.IsFaulted, "the refusal must not wait");
        var problem = await Assert.ThrowsAsync<ProblemException>(() => refused);
        Assert.Equal(503, problem.Status);
        Assert.Equal("video-overloaded", problem.Type);
        Assert.Equal(11, problem.RetryAfterSeconds);
        Assert.Equal("Video:MaxQueueWaitSeconds", problem.Extensions["limit"]);
        Assert.Equal(1, sut.Refused);

        // Half a second on, the running jobs have half their time left: 20 s of work again, a 10 s wait, and one more fits.
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(10, sut.PredictedWait().TotalSeconds, 3);
        waiting.Add(sut.EnterAsync(VideoJob.Frame, default));
        Assert.False(waiting[^1].IsCompleted);

        foreach (var slot in running)
        {
            slot.Dispose();
        }

        await DrainAsync(waiting);
        Assert.Equal(0, sut.Running);
        Assert.Equal(0, sut.Waiting);
        Assert.Equal(TimeSpan.Zero, sut.PredictedWait());
    }

    [Fact]
    public async Task TheEstimate_FollowsTheDurationsJobsReallyTake_PerKind()
    {
        var sut = new VideoJobQueue(new VideoOptions { MaxProcesses = 1, MaxQueueWaitSeconds = 30 }, _time);

        for (var i = 0; i < 20; i++)
        {
            using var slot = await sut.EnterAsync(VideoJob.Frame, default);
            _time.Advance(TimeSpan.FromSeconds(3));
            slot.Completed();
        }

        // A cancelled or killed run says nothing about how long the kind takes.
        using (await sut.EnterAsync(VideoJob.Frame, default))
        {
            _time.Advance(TimeSpan.FromSeconds(60));
        }

        Assert.InRange(sut.Average(VideoJob.Frame).TotalSeconds, 2.95, 3.0);
        Assert.Equal(4, sut.Average(VideoJob.Storyboard).TotalSeconds);

        // With 3 s frames, one process and 30 s allowed, ten frames may wait behind a running one, not eleven.
        var running = await sut.EnterAsync(VideoJob.Frame, default);
        var waiting = Enumerable.Range(0, 9).Select(_ => sut.EnterAsync(VideoJob.Frame, default)).ToList();
        var tenth = sut.EnterAsync(VideoJob.Frame, default);
        Assert.False(tenth.IsCompleted);
        waiting.Add(tenth);
        var eleventh = await Assert.ThrowsAsync<ProblemException>(() => sut.EnterAsync(VideoJob.Frame, default));
        Assert.InRange(eleventh.RetryAfterSeconds!.Value, 30, 34);

        running.Dispose();
        await DrainAsync(waiting);
    }

    [Fact]
    public async Task AnAdmittedJob_WaitsPastItsPrediction_ButGivesUpAfterTheBudgetPlusARunsTimeLimit_AndTheQueueServesAfterwards()
    {
        var sut = new VideoJobQueue(new VideoOptions { MaxProcesses = 1, MaxQueueWaitSeconds = 5, TimeoutSeconds = 10 }, _time);
        var stuck = await sut.EnterAsync(VideoJob.Frame, default);
        var waiting = sut.EnterAsync(VideoJob.Frame, default);

        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(waiting.IsCompleted, "an admitted job waits on while its slot may yet come");
        _time.Advance(TimeSpan.FromSeconds(0.1));

        var problem = await Assert.ThrowsAsync<ProblemException>(() => waiting);
        Assert.Equal(503, problem.Status);
        Assert.True(problem.RetryAfterSeconds >= 5, $"Retry-After {problem.RetryAfterSeconds}");
        Assert.Equal(0, sut.Waiting);

        stuck.Dispose();
        using var next = await sut.EnterAsync(VideoJob.Frame, default);
        Assert.Equal(1, sut.Running);
    }

    [Fact]
    public async Task WhenJobsTurnOutSlower_TheJobsInLineThatCouldNoLongerStartInTime_AreRefusedThen_NotWhenTheirTimeIsUp()
    {
        // One process; 10 s of predicted waiting allowed, and an admitted job waits at most 10 + 5 s.
        var sut = new VideoJobQueue(new VideoOptions { MaxProcesses = 1, MaxQueueWaitSeconds = 10, TimeoutSeconds = 5 }, _time);
        var running = await sut.EnterAsync(VideoJob.Frame, default);
        var line = Enumerable.Range(0, 8).Select(_ => sut.EnterAsync(VideoJob.Frame, default)).ToList();
        Assert.Equal(9, sut.PredictedWait().TotalSeconds, 3);

        // The running frame took 11 s, not 1: the moving average goes to 3 s, the slow one to 1.5 s, and admitted jobs
        // are judged on the lower. The first in line starts; the k-th behind it would start 1.5·k s from now, on top of
        // the 11 s it has waited: past 15 s from the third on.
        _time.Advance(TimeSpan.FromSeconds(11));
        running.Completed();
        running.Dispose();

        Assert.Equal(3, sut.Average(VideoJob.Frame).TotalSeconds, 3);
        Assert.True(line[0].IsCompletedSuccessfully, "the first in line has the slot");
        Assert.All(line.Skip(1).Take(2), t => Assert.False(t.IsCompleted));
        foreach (var refused in line.Skip(3))
        {
            Assert.True(refused.IsFaulted, "refused at once, not after waiting");
            var problem = await Assert.ThrowsAsync<ProblemException>(() => refused);
            Assert.Equal(503, problem.Status);
            Assert.Equal(5, problem.RetryAfterSeconds);
        }

        Assert.Equal(5, sut.Refused);
        Assert.Equal(2, sut.Waiting);
        (await line[0]).Dispose();
        await DrainAsync(line.Skip(1).Take(2));
    }

    [Fact]
    public async Task AClientThatLeaves_StopsWaiting_WithoutBeingCountedAsRefused()
    {
        var sut = new VideoJobQueue(new VideoOptions { MaxProcesses = 1, MaxQueueWaitSeconds = 5 }, _time);
        using var running = await sut.EnterAsync(VideoJob.Frame, default);
        using var leaving = new CancellationTokenSource();
        var waiting = sut.EnterAsync(VideoJob.Frame, leaving.Token);

        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, sut.Waiting);
        Assert.Equal(0, sut.Refused);
        Assert.Equal(1, sut.PredictedWait().TotalSeconds, 3);
    }

    /// <summary>Lets every waiting job in, one finishing as the next starts.</summary>
    private static async Task DrainAsync(IEnumerable<Task<VideoJobSlot>> waiting)
    {
        foreach (var job in waiting)
        {
            (await job).Dispose();
        }
    }
}
