namespace OrleansStreams.Serialization;

/// <summary>Checks shared by the built-in fixed-size serdes.</summary>
internal static class SerdeGuard
{
    /// <summary>Returns <paramref name="data"/> when it holds exactly <paramref name="size"/> bytes.</summary>
    /// <exception cref="InvalidDataException">The length differs.</exception>
    public static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> data, int size) =>
        data.Length == size
            ? data
            : throw new InvalidDataException($"Expected {size} bytes for a fixed-size value, got {data.Length}.");
}
