namespace OrleansStreams.Configuration;

/// <summary>
/// A configuration value that a silo or a client cannot run with. The message is one line naming the
/// key, the value and what is allowed; the host prints it and stops before anything starts.
/// </summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>Creates the exception for one bad setting.</summary>
    /// <param name="key">The full configuration key, e.g. <c>Kafka:BootstrapServers</c>.</param>
    /// <param name="value">The value found, or <see langword="null"/> when the key is missing.</param>
    /// <param name="allowed">What the key accepts, e.g. <c>one of Localhost, AdoNet</c>.</param>
    public InvalidSettingException(string key, string? value, string allowed)
        : base($"Invalid setting {key} = {(value is null ? "(missing)" : $"'{value}'")}: allowed is {allowed}.")
    {
        Key = key;
        Value = value;
        Allowed = allowed;
    }

    /// <summary>The full configuration key.</summary>
    public string Key { get; }

    /// <summary>The value found, or <see langword="null"/> when the key is missing.</summary>
    public string? Value { get; }

    /// <summary>What the key accepts.</summary>
    public string Allowed { get; }
}
