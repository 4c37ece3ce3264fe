namespace MediaEdge.IntegrationTests.Video;

/// <summary>A server with the default video limits (two ffmpeg processes at once), one per test class that asks for it.</summary>
public sealed class VideoServer : ServerFixture;

/// <summary>
/// Tests that watch this process's ffmpeg children: they run after the parallel collections and alone, so every
/// ffmpeg they see is one their own server started.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FfmpegProcessCollection
{
    public const string Name = "ffmpeg processes";
}
