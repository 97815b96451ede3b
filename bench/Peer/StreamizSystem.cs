using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansStreams.Windows;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// Streamiz.Kafka.Net running the same computation: group by the record key, 1-minute tumbling windows
/// with 10 s grace, <c>Count</c> into a RocksDB window store (<see cref="RocksDbWindows"/>, Streamiz's
/// defaults otherwise: caching off, changelog on), exactly-once, commit interval 1 s, 2 stream threads.
/// <c>Final</c> adds <c>Suppress(UntilWindowClose)</c> with an unbounded buffer; <c>OnUpdate</c> sends
/// every update. Output: key <c>&lt;key&gt;@&lt;window start&gt;</c>, value the count as decimal text.
/// </summary>
internal sealed class StreamizSystem(WorkerSpec spec) : IPeerSystem
{
    private static readonly TimeSpan Size = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"peer-streamiz-{Guid.NewGuid():N}");
    private ILoggerFactory? _logging;
    private KafkaStream? _stream;
    private long _results;
    private string _state = "CREATED";

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        // Streamiz logs to stdout by default; the worker's stdout is its protocol, so Warning and up go to stderr.
        _logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = spec.Group,
            BootstrapServers = spec.Bootstrap,
            Guarantee = ProcessingGuarantee.EXACTLY_ONCE,
            CommitIntervalMs = 1000,
            NumStreamThreads = 2,
            StateDir = _stateDirectory,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            Logger = _logging,
        };
        var builder = new StreamBuilder();
        var counts = builder.Stream<string, string>(spec.Input)
            .GroupByKey()
            .WindowedBy(TumblingWindowOptions.Of(Size, Grace))
            .Count(RocksDbWindows.As<string, long>("counts").WithValueSerdes<Int64SerDes>());
        if (spec.Mode == EmitMode.Final)
        {
            counts = counts.Suppress(
                SuppressedBuilder.UntilWindowClose<Windowed<string>, long>(Grace, StrictBufferConfig.Unbounded())
                    .WithKeySerdes(new TimeWindowedSerDes<string>(new StringSerDes(), (long)Size.TotalMilliseconds))
                    .WithValueSerdes(new Int64SerDes()));
        }

        counts.ToStream((window, _, _) =>
        {
            Interlocked.Increment(ref _results);
            return $"{window.Key}@{window.Window.StartMs}";
        }).To<StringSerDes, CountTextSerDes>(spec.Output);
        _stream = new KafkaStream(builder.Build(), config);
        _stream.StateChanged += (_, now) =>
        {
            _state = now.ToString();
            if (now == KafkaStream.State.ERROR)
            {
                // Nothing more will be processed; let the parent see the worker die rather than wait for its limit.
                Console.Error.WriteLine("streamiz: the stream application went to ERROR");
                Environment.Exit(3);
            }
        };
        return Task.CompletedTask;
    }

    public Task BeginAsync(CancellationToken cancellationToken) => _stream!.StartAsync(cancellationToken);

    public string Summary() => $"{_state}, {Interlocked.Read(ref _results):N0} results sent (application {spec.Group})";

    public ValueTask DisposeAsync()
    {
        _stream?.Dispose();
        _logging?.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The count as decimal UTF-8 text, so the output check reads every system's results alike.</summary>
    private sealed class CountTextSerDes : AbstractSerDes<long>
    {
        public override long Deserialize(byte[] data, SerializationContext context) =>
            long.Parse(System.Text.Encoding.UTF8.GetString(data), System.Globalization.CultureInfo.InvariantCulture);

        public override byte[] Serialize(long data, SerializationContext context) =>
            System.Text.Encoding.UTF8.GetBytes(data.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
