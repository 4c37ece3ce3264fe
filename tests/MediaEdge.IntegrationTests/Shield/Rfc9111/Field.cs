namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>One header: a name and its value, or no value where a header is expected to be absent.</summary>
public readonly record struct Field(string Name, string? Value)
{
    /// <summary>"Name: value"; a bare "Name" (no colon) is the header's absence.</summary>
    public static Field Parse(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new Field(line.Trim(), null) : new Field(line[..colon].Trim(), line[(colon + 1)..].TrimStart(' '));
    }

    public override string ToString() => Value is null ? $"no {Name}" : $"{Name}: {Value}";
}
