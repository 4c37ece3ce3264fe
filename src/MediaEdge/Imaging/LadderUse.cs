namespace MediaEdge.Imaging;

/// <summary>Whether a render started from a kept intermediate (the vips engine's decode ladder) rather than a decode of its own.</summary>
public enum LadderUse
{
    /// <summary>Decoded for this render.</summary>
    None,

    /// <summary>From an intermediate decoded at the shrink this render would have chosen: the output is the same, byte for byte.</summary>
    Same,

    /// <summary>From an intermediate decoded at another shrink, at least <see cref="Vips.Ladder.RungChoice.Margin"/> times the output each way.</summary>
    Larger,
}
