using Microsoft.Extensions.Configuration;

namespace OrleansStreams.Silo.Tests.Configuration;

/// <summary>Builds an in-memory configuration the way appsettings.json or environment variables would.</summary>
internal static class TestConfiguration
{
    public static IConfiguration Build(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    /// <summary>The same settings, each key under <paramref name="section"/>.</summary>
    public static IConfiguration Section(string section, params (string Key, string? Value)[] values) =>
        Build([.. values.Select(v => ($"{section}:{v.Key}", v.Value))]);
}
