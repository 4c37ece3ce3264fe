namespace MediaEdge.Dialects.Imgproxy;

/// <summary>MediaEdge:Dialects:imgproxy — imgproxy's URL signing (docs.imgproxy.net/signing_the_url, docs.imgproxy.net/configuration/options#url-signature).</summary>
public sealed class ImgproxyOptions
{
    /// <summary>imgproxy's <c>IMGPROXY_KEY</c>, hex. Empty (the default) with an empty Salt: signatures are not checked, as in imgproxy.</summary>
    public string Key { get; set; } = "";

    /// <summary>imgproxy's <c>IMGPROXY_SALT</c>, hex; set with Key, or neither.</summary>
    public string Salt { get; set; } = "";

    /// <summary>imgproxy's <c>IMGPROXY_SIGNATURE_SIZE</c>: the bytes of the HMAC-SHA256 the signature holds, 1–32. Default 32.</summary>
    public int SignatureSize { get; set; } = 32;
}
