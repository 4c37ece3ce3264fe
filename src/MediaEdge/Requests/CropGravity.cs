namespace MediaEdge.Requests;

/// <summary>imgix's <c>crop</c>: which part of the image a crop keeps. Edges combine (<c>top,left</c>).</summary>
[Flags]
public enum CropGravity
{
    Center = 0,
    Top = 1,
    Bottom = 2,
    Left = 4,
    Right = 8,
    Entropy = 16,
    FocalPoint = 32,
}
