using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>A source's tenancy settings and the admin keys are checked at start; a bad one stops it, naming its key.</summary>
public sealed class TenancyConfigurationTests
{
    [Theory]
    [InlineData("--MediaEdge:Sources:t:Limits:MaxConcurrentTransforms=4", "MediaEdge:Sources:t:Limits:MaxConcurrentTransforms")]
    [InlineData("--MediaEdge:Sources:t:Limits:MaxSourceByte=4", "MediaEdge:Sources:t:Limits:MaxSourceByte")]
    [InlineData("--MediaEdge:Sources:t:Limits:MaxSourcePixels=0", "MediaEdge:Sources:t:Limits:MaxSourcePixels")]
    [InlineData("--MediaEdge:Sources:t:Limits:MaxClipSeconds=-1", "MediaEdge:Sources:t:Limits:MaxClipSeconds")]
    [InlineData("--MediaEdge:Sources:t:RateLimit:RequestsPerSecond=-5", "MediaEdge:Sources:t:RateLimit:RequestsPerSecond")]
    [InlineData("--MediaEdge:Sources:t:RateLimit:BurstSeconds=0", "MediaEdge:Sources:t:RateLimit:BurstSeconds")]
    [InlineData("--MediaEdge:Sources:t:SigningKeys:0= ", "MediaEdge:Sources:t:SigningKeys:0")]
    [InlineData("--MediaEdge:Admin:Keys:0=short", "MediaEdge:Admin:Keys:0")]
    [InlineData("--MediaEdge:Usage:FlushSeconds=0", "MediaEdge:Usage:FlushSeconds")]
    public void ABadTenancySetting_StopsTheStart_NamingItsKey(string setting, string key)
    {
        string[] args = setting.StartsWith("--MediaEdge:Sources:t:", StringComparison.Ordinal)
            ? [$"--MediaEdge:Sources:t:Root={MediaFolder.Shared.Root}", setting]
            : [setting];

        var refused = Assert.Throws<OptionsValidationException>(() => UnstartedHost.Build(args));

        Assert.Contains(refused.Failures, failure => failure.StartsWith(key, StringComparison.Ordinal));
    }
}
