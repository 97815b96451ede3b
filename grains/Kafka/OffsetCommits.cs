using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace OrleansStreams.Grains.Kafka;

/// <summary>
/// Offset commits that carry a metadata string, which Confluent.Kafka's API cannot express:
/// inside a transaction (<see cref="SendToTransaction"/>), directly (<see cref="Commit"/>), and
/// reading a committed offset back with its metadata (<see cref="ReadCommitted"/>).
/// </summary>
internal static unsafe class OffsetCommits
{
    /// <summary>Adds the offset, with metadata, to the producer's open transaction (<c>SendOffsetsToTransaction</c>).</summary>
    public static void SendToTransaction(IProducer<byte[], byte[]> producer, string groupId, string topic, int partition, long offset, string metadata, TimeSpan timeout)
    {
        var handle = LibrdkafkaNative.RawHandle(producer.Handle);
        var groupMetadata = LibrdkafkaNative.GroupMetadataNew(groupId);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            WithList(topic, partition, offset, metadata, list =>
            {
                var error = LibrdkafkaNative.SendOffsetsToTransaction(handle.DangerousGetHandle(), list, groupMetadata, (int)timeout.TotalMilliseconds);
                ThrowIfError(error);
            });
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }

            LibrdkafkaNative.GroupMetadataDestroy(groupMetadata);
        }
    }

    /// <summary>Commits the offset, with metadata, for the consumer's group (synchronously).</summary>
    public static void Commit(IConsumer<byte[], byte[]> consumer, string topic, int partition, long offset, string metadata)
    {
        var handle = LibrdkafkaNative.RawHandle(consumer.Handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            WithList(topic, partition, offset, metadata, list =>
            {
                var code = LibrdkafkaNative.Commit(handle.DangerousGetHandle(), list, 0);
                if (code == 0)
                {
                    code = list->Elements[0].Err;
                }

                if (code != 0)
                {
                    throw new KafkaException((ErrorCode)code);
                }
            });
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The consumer group's committed offset of the partition with its metadata; offset -1 when none.</summary>
    public static (long Offset, string Metadata) ReadCommitted(IConsumer<byte[], byte[]> consumer, string topic, int partition, TimeSpan timeout)
    {
        var handle = LibrdkafkaNative.RawHandle(consumer.Handle);
        var added = false;
        var list = LibrdkafkaNative.ListNew(1);
        try
        {
            handle.DangerousAddRef(ref added);
            LibrdkafkaNative.ListAdd(list, topic, partition)->Offset = Offset.Unset.Value;
            var code = LibrdkafkaNative.Committed(handle.DangerousGetHandle(), list, (int)timeout.TotalMilliseconds);
            ref var element = ref list->Elements[0];
            if (code == 0)
            {
                code = element.Err;
            }

            if (code != 0)
            {
                throw new KafkaException((ErrorCode)code);
            }

            var metadata = element.Metadata == IntPtr.Zero || element.MetadataSize == 0
                ? string.Empty
                : Encoding.UTF8.GetString((byte*)element.Metadata, (int)element.MetadataSize);
            return (element.Offset < 0 ? -1 : element.Offset, metadata);
        }
        finally
        {
            LibrdkafkaNative.ListDestroy(list);
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private delegate void ListAction(LibrdkafkaNative.TopicPartitionList* list);

    private static void WithList(string topic, int partition, long offset, string metadata, ListAction body)
    {
        var bytes = Encoding.UTF8.GetBytes(metadata);
        var buffer = NativeMemory.Alloc((nuint)Math.Max(bytes.Length, 1));
        var list = LibrdkafkaNative.ListNew(1);
        var element = LibrdkafkaNative.ListAdd(list, topic, partition);
        try
        {
            bytes.CopyTo(new Span<byte>(buffer, bytes.Length));
            element->Offset = offset;
            element->Metadata = (IntPtr)buffer;
            element->MetadataSize = (nuint)bytes.Length;
            body(list);
        }
        finally
        {
            // librdkafka copies the list before it returns; the buffer is ours to free, not its.
            element->Metadata = IntPtr.Zero;
            element->MetadataSize = 0;
            LibrdkafkaNative.ListDestroy(list);
            NativeMemory.Free(buffer);
        }
    }

    private static void ThrowIfError(IntPtr error)
    {
        if (error == IntPtr.Zero)
        {
            return;
        }

        try
        {
            var code = (ErrorCode)LibrdkafkaNative.ErrorCode(error);
            var reason = Marshal.PtrToStringUTF8(LibrdkafkaNative.ErrorString(error)) ?? code.ToString();
            var details = new Error(code, reason, LibrdkafkaNative.ErrorIsFatal(error) != 0);
            if (LibrdkafkaNative.ErrorTxnRequiresAbort(error) != 0)
            {
                throw new KafkaTxnRequiresAbortException(details);
            }

            if (LibrdkafkaNative.ErrorIsRetriable(error) != 0)
            {
                throw new KafkaRetriableException(details);
            }

            throw new KafkaException(details);
        }
        finally
        {
            LibrdkafkaNative.ErrorDestroy(error);
        }
    }
}
