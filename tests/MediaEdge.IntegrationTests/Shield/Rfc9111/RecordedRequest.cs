namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>One request as <see cref="ScriptedOrigin"/> received it: repeated header lines are joined by ", ".</summary>
/// <param name="Target">The request target exactly as sent: path and query.</param>
public sealed record RecordedRequest(int Index, string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() =>
        $"#{Index} {Method} {Target} [{string.Join("; ", Headers.Where(h => h.Key is "If-None-Match" or "If-Modified-Since" or "Range" or "If-Range").Select(h => $"{h.Key}: {h.Value}"))}]";
}
