namespace OrleansStreams.Client.Verification;

/// <summary>A record read back from a topic.</summary>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Timestamp">Its timestamp (ms since the Unix epoch), or -1.</param>
/// <param name="Key">Its key, or <see langword="null"/>.</param>
/// <param name="Value">Its value, or <see langword="null"/>.</param>
/// <param name="Headers">Its headers.</param>
public sealed record TopicRecord(int Partition, long Offset, long Timestamp, byte[]? Key, byte[]? Value, IReadOnlyList<KeyValuePair<string, byte[]?>> Headers)
{
    /// <summary>The UTF-8 value of the first header named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The header text.</returns>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key == name)
            {
                return value is null ? null : System.Text.Encoding.UTF8.GetString(value);
            }
        }

        return null;
    }
}
