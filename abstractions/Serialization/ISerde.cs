using System.Buffers;

namespace OrleansStreams.Serialization;

/// <summary>
/// Turns values of <typeparamref name="T"/> into bytes and back. Used for window accumulators
/// in state snapshots, so an encoding must stay readable across versions of the application.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
public interface ISerde<T>
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <param name="value">The value to write.</param>
    /// <param name="output">Where the bytes go; the serde advances it by what it wrote.</param>
    void Serialize(T value, IBufferWriter<byte> output);

    /// <summary>Reads a value written by <see cref="Serialize"/>.</summary>
    /// <param name="data">Exactly the bytes that <see cref="Serialize"/> wrote for one value.</param>
    /// <returns>The value.</returns>
    T Deserialize(ReadOnlySpan<byte> data);
}
