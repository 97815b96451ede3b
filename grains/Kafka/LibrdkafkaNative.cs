using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OrleansStreams.Grains.Kafka;

/// <summary>
/// The few librdkafka functions Confluent.Kafka does not expose: offset commits with a metadata
/// string (our epoch marker). They are bound to the very librdkafka that Confluent.Kafka loaded,
/// and called on its client handles.
/// </summary>
internal static unsafe partial class LibrdkafkaNative
{
    private const string Library = "orleans-streams-librdkafka";
    private static readonly Lazy<IntPtr> Loaded = new(FindLoadedLibrary);

    static LibrdkafkaNative() =>
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, (name, _, _) => name == Library ? Loaded.Value : IntPtr.Zero);

    [StructLayout(LayoutKind.Sequential)]
    internal struct TopicPartition
    {
        public IntPtr Topic;
        public int Partition;
        public long Offset;
        public IntPtr Metadata;
        public nuint MetadataSize;
        public IntPtr Opaque;
        public int Err;
        public IntPtr Private;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TopicPartitionList
    {
        public int Count;
        public int Size;
        public TopicPartition* Elements;
    }

    /// <summary>The raw <c>rd_kafka_t*</c> of a Confluent.Kafka client.</summary>
    public static SafeHandle RawHandle(Confluent.Kafka.Handle handle)
    {
        var property = typeof(Confluent.Kafka.Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("Confluent.Kafka.Handle.LibrdkafkaHandle not found: this Confluent.Kafka version is not supported");
        return (SafeHandle)property.GetValue(handle)!;
    }

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    public static partial TopicPartitionList* ListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial TopicPartition* ListAdd(TopicPartitionList* list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    public static partial void ListDestroy(TopicPartitionList* list);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_group_metadata_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr GroupMetadataNew(string groupId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_group_metadata_destroy")]
    public static partial void GroupMetadataDestroy(IntPtr metadata);

    [LibraryImport(Library, EntryPoint = "rd_kafka_send_offsets_to_transaction")]
    public static partial IntPtr SendOffsetsToTransaction(IntPtr rk, TopicPartitionList* offsets, IntPtr groupMetadata, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_committed")]
    public static partial int Committed(IntPtr rk, TopicPartitionList* partitions, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_commit")]
    public static partial int Commit(IntPtr rk, TopicPartitionList* offsets, int async);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_code")]
    public static partial int ErrorCode(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_string")]
    public static partial IntPtr ErrorString(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_is_fatal")]
    public static partial int ErrorIsFatal(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_txn_requires_abort")]
    public static partial int ErrorTxnRequiresAbort(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_is_retriable")]
    public static partial int ErrorIsRetriable(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_destroy")]
    public static partial void ErrorDestroy(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorCodeString(int code);

    private static IntPtr FindLoadedLibrary()
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            if (module.ModuleName.Contains("rdkafka", StringComparison.OrdinalIgnoreCase))
            {
                return NativeLibrary.Load(module.FileName);
            }
        }

        throw new InvalidOperationException("librdkafka is not loaded yet: create a Confluent.Kafka client first");
    }
}
