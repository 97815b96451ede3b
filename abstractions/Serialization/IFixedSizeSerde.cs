namespace OrleansStreams.Serialization;

/// <summary>
/// A serde that writes every value in exactly <see cref="Size"/> bytes. Snapshots store such
/// values without a length prefix.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public interface IFixedSizeSerde<T> : ISerde<T>
{
    /// <summary>The number of bytes every value is written in.</summary>
    int Size { get; }
}
