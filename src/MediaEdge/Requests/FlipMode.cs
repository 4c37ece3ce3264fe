namespace MediaEdge.Requests;

/// <summary>imgix's <c>flip</c>.</summary>
[Flags]
public enum FlipMode
{
    None = 0,
    Horizontal = 1,
    Vertical = 2,
}
