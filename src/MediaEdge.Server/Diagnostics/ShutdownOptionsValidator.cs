using Microsoft.Extensions.Options;

namespace MediaEdge.Server.Diagnostics;

/// <summary>Checks <c>MediaEdge:Shutdown</c> at start: the drain lasts 1 to 3600 s.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.DrainSeconds is >= 1 and <= 3600
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"MediaEdge:Shutdown:DrainSeconds must be from 1 to 3600 (got {options.DrainSeconds}).");
}
