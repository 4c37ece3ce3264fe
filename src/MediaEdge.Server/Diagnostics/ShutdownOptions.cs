namespace MediaEdge.Server.Diagnostics;

/// <summary>MediaEdge:Shutdown — how a node stops.</summary>
public sealed class ShutdownOptions
{
    /// <summary>Time in-flight requests get to finish once the node is told to stop; new connections are refused at once, and ffmpeg is killed when it ends. Default 20 s.</summary>
    public int DrainSeconds { get; set; } = 20;
}
