using System.Buffers;
using System.Runtime.InteropServices;
using OrleansStreams.Keys;

namespace OrleansStreams.Grains.Committer;

/// <summary>The order in which an epoch's outputs are produced.</summary>
internal static class OutputOrder
{
    /// <summary>
    /// Sorts by causing offset, keeping the order of outputs with the same one: the outputs of one record
    /// can share a Kafka key (a session's retraction and the merged session's update both start where the
    /// old session did), and a reader must see them in the order the engine made them.
    /// </summary>
    public static void SortByCausingOffset(List<OutputRecord> outputs)
    {
        var count = outputs.Count;
        var order = ArrayPool<(long Offset, int Index)>.Shared.Rent(count);
        try
        {
            var keys = order.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                keys[i] = (outputs[i].CausingOffset, i);
            }

            keys.Sort(CollectionsMarshal.AsSpan(outputs));
        }
        finally
        {
            ArrayPool<(long Offset, int Index)>.Shared.Return(order);
        }
    }
}
