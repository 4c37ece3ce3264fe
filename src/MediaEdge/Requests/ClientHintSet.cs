namespace MediaEdge.Requests;

/// <summary>imgix's <c>ch</c>: the client hints a request opts into.</summary>
[Flags]
public enum ClientHintSet
{
    None = 0,
    Width = 1,
    Dpr = 2,
    SaveData = 4,
}
