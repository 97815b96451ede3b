namespace OrleansStreams.Client;

/// <summary>
/// A <c>Cluster</c> setting the client cannot connect with. The message is one line naming the key,
/// the value and what is allowed, e.g. <c>Invalid setting Cluster:Provider = 'X': allowed is one of Localhost, AdoNet.</c>
/// </summary>
public sealed class InvalidClientSettingException : Exception
{
    /// <summary>Creates the exception for one bad setting.</summary>
    /// <param name="key">The full configuration key, e.g. <c>Cluster:Gateways</c>.</param>
    /// <param name="value">The value found, or <see langword="null"/> when the key is missing.</param>
    /// <param name="allowed">What the key accepts, e.g. <c>one of Localhost, AdoNet</c>.</param>
    public InvalidClientSettingException(string key, string? value, string allowed)
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
