namespace MediaEdge.Imaging;

/// <summary>
/// The engine that is not configured, kept constructed beside it: ImageService renders with it a valid source that the
/// configured engine refuses with a 415 naming itself (<see cref="Requests.Problems.EngineCannotRead"/>).
/// </summary>
public sealed record FallbackEngine(IImageEngine Engine);
