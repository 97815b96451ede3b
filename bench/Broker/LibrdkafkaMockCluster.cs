using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace OrleansStreams.Bench.Broker;

/// <summary>
/// librdkafka's in-process mock cluster, reached by P/Invoke into the very librdkafka that
/// Confluent.Kafka loaded (on Debian its bundled centos8 build). Confluent.Kafka does not expose
/// the mock; its CreateTopics does not work, so topics are created with rd_kafka_mock_topic_create.
/// </summary>
internal sealed class LibrdkafkaMockCluster : IDisposable
{
    private readonly IntPtr _library;
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly MockTopicCreate _topicCreate;
    private readonly Destroy _clusterDestroy;
    private readonly Destroy _handleDestroy;

    private LibrdkafkaMockCluster(IntPtr library)
    {
        _library = library;
        var confNew = Export<ConfNew>("rd_kafka_conf_new");
        var kafkaNew = Export<KafkaNew>("rd_kafka_new");
        var clusterNew = Export<MockClusterNew>("rd_kafka_mock_cluster_new");
        var bootstraps = Export<MockClusterBootstraps>("rd_kafka_mock_cluster_bootstraps");
        _topicCreate = Export<MockTopicCreate>("rd_kafka_mock_topic_create");
        _clusterDestroy = Export<Destroy>("rd_kafka_mock_cluster_destroy");
        _handleDestroy = Export<Destroy>("rd_kafka_destroy");

        var error = new StringBuilder(512);
        _handle = kafkaNew(0 /* RD_KAFKA_PRODUCER */, confNew(), error, (UIntPtr)error.Capacity);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"rd_kafka_new failed: {error}");
        }

        _cluster = clusterNew(_handle, 1);
        if (_cluster == IntPtr.Zero)
        {
            _handleDestroy(_handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(bootstraps(_cluster)) ?? throw new InvalidOperationException("no mock bootstrap servers");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ConfNew();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr KafkaNew(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr MockClusterNew(IntPtr rk, int brokers);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr MockClusterBootstraps(IntPtr cluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MockTopicCreate(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Destroy(IntPtr pointer);

    public string BootstrapServers { get; }

    /// <summary>The path of the librdkafka Confluent.Kafka loaded (read from /proc/self/maps after a handle exists).</summary>
    public string LibraryPath => LoadedLibrdkafka();

    public static LibrdkafkaMockCluster Start()
    {
        // Reading the version makes Confluent.Kafka load its native library; then dlopen the same file.
        _ = Library.VersionString;
        return new LibrdkafkaMockCluster(NativeLibrary.Load(LoadedLibrdkafka()));
    }

    public void CreateTopic(string topic, int partitions)
    {
        var error = _topicCreate(_cluster, topic, partitions, 1);
        if (error != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_topic_create({topic}) failed with {error}");
        }
    }

    public void Dispose()
    {
        _clusterDestroy(_cluster);
        _handleDestroy(_handle);
        NativeLibrary.Free(_library);
    }

    private static string LoadedLibrdkafka() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && parts[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(parts => parts[5])
            .FirstOrDefault() ?? throw new InvalidOperationException("librdkafka is not loaded");

    private T Export<T>(string name)
        where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(_library, name));
}
