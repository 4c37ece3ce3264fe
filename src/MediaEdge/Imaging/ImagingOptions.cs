namespace MediaEdge.Imaging;

/// <summary>MediaEdge:Imaging — which engine renders images.</summary>
public sealed class ImagingOptions
{
    /// <summary>The engine: imagesharp. Default imagesharp.</summary>
    public string Engine { get; set; } = "imagesharp";
}
