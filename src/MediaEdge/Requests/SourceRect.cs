namespace MediaEdge.Requests;

/// <summary>imgix's <c>rect</c>: the part of the source to use, in source pixels.</summary>
public readonly record struct SourceRect(int X, int Y, int Width, int Height)
{
    public override string ToString() => $"{X},{Y},{Width},{Height}";
}
