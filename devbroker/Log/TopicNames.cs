namespace OrleansStreams.DevBroker.Log;

/// <summary>Kafka's topic name rule: 1-249 of [a-zA-Z0-9._-], not "." or "..".</summary>
internal static class TopicNames
{
    public const int MaxLength = 249;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name != "." && name != ".." && name.All(IsLegal);

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
