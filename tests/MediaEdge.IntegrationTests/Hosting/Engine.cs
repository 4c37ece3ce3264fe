namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// An image engine the suite runs against (MediaEdge:Imaging:Engine), with what it can do that the other cannot, so a
/// test states the capability it depends on instead of skipping on one engine.
/// </summary>
/// <param name="EncodesAvif">fm=avif is a 200, and auto=format picks AVIF for browsers that accept it (else fm=avif is a 400 naming fm).</param>
/// <param name="EncodesProgressiveJpeg">fm=pjpg is a 200 with a progressive scan (else a 400 naming fm).</param>
/// <param name="AnimatesWebp">An animation asked for as WebP keeps its frames (else WebP gets the first frame).</param>
public sealed record Engine(string Name, bool EncodesAvif, bool EncodesProgressiveJpeg, bool AnimatesWebp)
{
    public static Engine ImageSharp { get; } = new("imagesharp", EncodesAvif: false, EncodesProgressiveJpeg: false, AnimatesWebp: false);

    public static Engine Vips { get; } = new("vips", EncodesAvif: true, EncodesProgressiveJpeg: true, AnimatesWebp: true);

    /// <summary>Every engine the suite runs against: the one list to extend when the service gains an engine.</summary>
    public static IReadOnlyList<Engine> All { get; } = [ImageSharp, Vips];

    /// <summary>The engine of a test that does not depend on the engine.</summary>
    public static Engine Default => ImageSharp;

    /// <summary>Every engine, by name, for a theory that starts its own server.</summary>
    public static TheoryData<string> Names { get; } = [.. All.Select(e => e.Name)];

    /// <summary>The engine named <paramref name="name"/>.</summary>
    public static Engine Named(string name) =>
        All.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "not an engine the suite runs against");

    public override string ToString() => Name;
}
