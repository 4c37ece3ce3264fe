namespace MediaEdge.Requests;

/// <summary>imgix's <c>fit</c>: how the image meets the w × h box.</summary>
public enum FitMode
{
    Clip,
    Crop,
    Fill,
    FillMax,
    Max,
    Min,
    Scale,
}
