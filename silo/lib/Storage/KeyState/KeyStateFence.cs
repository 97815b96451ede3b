using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>The generation check of every write, read in the write's own transaction.</summary>
internal static class KeyStateFence
{
    /// <summary>
    /// Throws <see cref="StateFencedException"/> unless <paramref name="generation"/> is the
    /// partition's current one. A generation the store never began (newer than the current one, or
    /// none begun at all) is refused as well: the store lost or never had the state the caller
    /// built on (Memory after its silo stopped, another database), so the caller must begin a new
    /// generation and recover, not keep writing deltas onto a different state.
    /// </summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="generation">The caller's generation.</param>
    /// <param name="current">The stored generation; <see langword="null"/> when none was ever begun.</param>
    public static void Check(string pipeline, int partition, long generation, long? current)
    {
        if (current == generation)
        {
            return;
        }

        if (current > generation)
        {
            throw new StateFencedException(pipeline, partition, generation, current.Value);
        }

        throw new StateFencedException(
            $"state of {pipeline}/{partition} is fenced: generation {generation} was never begun (current generation {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
    }
}
