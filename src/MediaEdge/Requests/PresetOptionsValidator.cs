using Microsoft.Extensions.Options;

namespace MediaEdge.Requests;

/// <summary>Checks <c>MediaEdge:Presets</c> at start: each preset's query parses as a request would (<see cref="ImageQueryParser"/>); each failure names its preset's key.</summary>
public sealed class PresetOptionsValidator : IValidateOptions<IReadOnlyDictionary<string, string>>
{
    public ValidateOptionsResult Validate(string? name, IReadOnlyDictionary<string, string> options)
    {
        var errors = new List<string>();
        var parser = new ImageQueryParser(options);
        foreach (var (preset, query) in options)
        {
            try
            {
                parser.Parse(QueryText.Parse(query));
            }
            catch (ProblemException e)
            {
                errors.Add($"MediaEdge:Presets:{preset}: {e.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
