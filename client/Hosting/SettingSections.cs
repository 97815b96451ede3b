using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace OrleansStreams.Configuration;

/// <summary>
/// Finds each settings section of a silo or a client under <c>OrleansStreams:</c>. Until the next release a key still
/// given at the top level (<c>Kafka:GroupId</c> rather than <c>OrleansStreams:Kafka:GroupId</c>, as
/// before the settings moved) is read from there when the new key is absent, and the silo warns once
/// per such section at start.
/// </summary>
internal sealed class SettingSections
{
    /// <summary>The section every OrleansStreams setting lives under.</summary>
    public const string RootName = "OrleansStreams";

    /// <summary>The sections under <see cref="RootName"/>, each also read from the top level until the next release.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["Cluster", "Kafka", "Processing", "Storage", "Pipelines", "Metrics", "Query", "DevBroker", "Generator", "Progress"];

    /// <summary>Every section under <see cref="RootName"/>: <see cref="Names"/> and those new in this release, which have no top-level form.</summary>
    public static readonly IReadOnlyList<string> Known = [.. Names, "Health"];

    private readonly IConfiguration configuration;

    /// <summary>Reads sections of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The application's root configuration.</param>
    public SettingSections(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.configuration = configuration;
    }

    /// <summary>The sections of <see cref="Names"/> that have keys at the top level.</summary>
    /// <param name="configuration">The application's root configuration.</param>
    /// <returns>Their names.</returns>
    public static IEnumerable<string> TopLevel(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Names.Where(name => configuration.GetSection(name).Exists());
    }

    /// <summary>
    /// The section <c>OrleansStreams:<paramref name="name"/></c>, where each key absent there is read
    /// from the top-level section <paramref name="name"/>. Errors name the key where the value was found.
    /// </summary>
    /// <param name="name">The section name, e.g. <c>Kafka</c>; sections not in <see cref="Names"/> (new ones) have no top-level fallback.</param>
    /// <returns>The section to read; possibly empty, never <see langword="null"/>.</returns>
    public IConfigurationSection Get(string name) =>
        Names.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? new Fallback(configuration.GetSection($"{RootName}:{name}"), configuration.GetSection(name))
            : configuration.GetSection($"{RootName}:{name}");

    /// <summary>The full key of <paramref name="name"/> in <paramref name="section"/>: where its value is, or would be written.</summary>
    internal static string KeyOf(IConfiguration section, string name) => section switch
    {
        Fallback f => f.KeyOf(name),
        IConfigurationSection s when s.Path.Length > 0 => $"{s.Path}:{name}",
        _ => name,
    };

    /// <summary>The first child of <see cref="RootName"/> that is not one of <see cref="Known"/>, or <see langword="null"/>.</summary>
    public IConfigurationSection? FirstUnknown() =>
        configuration.GetSection(RootName).GetChildren().FirstOrDefault(c => !Known.Contains(c.Key, StringComparer.OrdinalIgnoreCase));

    /// <summary>The part of <paramref name="section"/> under <see cref="RootName"/>: without the keys read from the top level.</summary>
    internal static IConfiguration Own(IConfiguration section) => section is Fallback f ? f.Current : section;

    /// <summary>A section whose missing keys are read from an older one.</summary>
    private sealed class Fallback(IConfigurationSection current, IConfigurationSection old) : IConfigurationSection
    {
        public IConfigurationSection Current => current;

        public string Key => current.Key;

        public string Path => !current.Exists() && old.Exists() ? old.Path : current.Path;

        public string? Value
        {
            get => current.Value ?? old.Value;
            set => current.Value = value;
        }

        public string? this[string key]
        {
            get => current[key] ?? old[key];
            set => current[key] = value;
        }

        public IConfigurationSection GetSection(string key) => new Fallback(current.GetSection(key), old.GetSection(key));

        public IEnumerable<IConfigurationSection> GetChildren() =>
            current.GetChildren().Select(c => c.Key)
                .Union(old.GetChildren().Select(c => c.Key), StringComparer.OrdinalIgnoreCase)
                .Select(GetSection)
                .ToList();

        public IChangeToken GetReloadToken() => current.GetReloadToken();

        /// <summary>Where the value of <paramref name="name"/> is; for a missing key, the place the rest of the section is written in.</summary>
        public string KeyOf(string name) =>
            !current.GetSection(name).Exists() && (old.GetSection(name).Exists() || (!current.Exists() && old.Exists()))
                ? $"{old.Path}:{name}"
                : $"{current.Path}:{name}";
    }
}
