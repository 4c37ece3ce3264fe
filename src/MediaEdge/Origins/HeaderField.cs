namespace MediaEdge.Origins;

/// <summary>One HTTP field line as received: its name and its value, bytes above 0x7F kept as Latin-1 characters (RFC 9110 §5.5 obs-text).</summary>
public readonly record struct HeaderField(string Name, string Value);
