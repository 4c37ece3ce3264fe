using Microsoft.Extensions.Options;

namespace MediaEdge.Composition;

/// <summary>The failures an options validator collects, each message naming its full configuration key (<c>MediaEdge:Cache:MemoryBytes</c>).</summary>
public sealed class OptionErrors
{
    private readonly List<string> _errors = [];

    /// <summary>Adds a failure; <paramref name="message"/> starts with the key it is about.</summary>
    public void Add(string message) => _errors.Add(message);

    /// <summary>Adds a failure naming <paramref name="key"/> unless <paramref name="value"/> is greater than 0.</summary>
    public void Positive(string key, long value)
    {
        if (value <= 0)
        {
            _errors.Add($"{key} must be greater than 0 (got {value}).");
        }
    }

    /// <summary>Success when nothing was added, else every failure in the order added.</summary>
    public ValidateOptionsResult Result() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);

    /// <summary>The failures as a collection, for validators that take one (<see cref="Origins.IOriginKind.Validate"/>).</summary>
    public ICollection<string> AsCollection() => _errors;
}
