namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// A <see cref="CacheCase"/>'s name as theory data: serializable, so each rule is its own test case, and shown whole
/// (xUnit cuts string arguments to 50 characters in display names, which would hide which rule failed).
/// </summary>
public sealed class RuleName : IXunitSerializable
{
    public RuleName()
    {
        Value = "";
    }

    public RuleName(string value)
    {
        Value = value;
    }

    public string Value { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Value = info.GetValue<string>(nameof(Value));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Value), Value);

    public override string ToString() => Value;
}
