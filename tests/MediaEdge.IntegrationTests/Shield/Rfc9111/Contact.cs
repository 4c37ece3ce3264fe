namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>How a request was answered: from what MediaEdge had stored, or by asking the origin.</summary>
public enum Contact
{
    /// <summary>The origin got no request.</summary>
    FromStorage,

    /// <summary>The origin got exactly one request, before the answer.</summary>
    Forwarded,

    /// <summary>Answered from storage at once, the origin then asked exactly once in the background.</summary>
    Background,
}
