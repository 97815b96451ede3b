namespace OrleansStreams.DevBroker;

/// <summary>A <see cref="DevBrokerOptions"/> setting is out of range; the message names the setting, value and what is allowed.</summary>
internal sealed class InvalidOptionException(string option, string value, string allowed)
    : ArgumentException($"Invalid setting DevBrokerOptions.{option} = '{value}': allowed is {allowed}.", option)
{
    public string Option { get; } = option;

    public string Value { get; } = value;

    public string Allowed { get; } = allowed;
}
