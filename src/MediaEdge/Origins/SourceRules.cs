namespace MediaEdge.Origins;

/// <summary>Checks the origin kinds share for their settings.</summary>
public static class SourceRules
{
    /// <summary>Adds an error naming <c>{key}:{setting}</c> unless <paramref name="value"/> is greater than 0.</summary>
    public static void Positive(string key, string setting, long value, ICollection<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{key}:{setting} must be greater than 0 (got {value}).");
        }
    }
}
