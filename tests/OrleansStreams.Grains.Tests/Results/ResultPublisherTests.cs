using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.Grains.Results;
using OrleansStreams.Keys;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.Tests.Results;

public sealed class ResultPublisherTests
{
    [Fact]
    public void ToResult_FinalResult_KeyStartEndAndValueFromTheOutputRecord()
    {
        var output = new OutputRecord(OutputKind.Result, 41, CloseTime: 130_000, Timestamp: 119_999, Bytes("sensor-1@60000"), Bytes("{\"count\":3}"), null);

        var result = ResultPublisher.ToResult(output, partition: 2, epoch: 17);

        Assert.Equal(new OrleansStreams.Queries.PublishedResult("sensor-1", 60_000, 120_000, true, output.Value, 2, 17, 41), result);
    }

    [Fact]
    public void ToResult_KeyWithAnAtSign_SplitAtTheLastOne()
    {
        var output = new OutputRecord(OutputKind.Result, 5, -1, 59_999, Bytes("user@example.com@0"), Bytes("{}"), null);

        var result = ResultPublisher.ToResult(output, 0, 1)!;

        Assert.Equal(("user@example.com", 0L, 60_000L, false), (result.Key, result.Start, result.End, result.Final));
    }

    [Fact]
    public void ToResult_Retraction_KeepsItsNullValue()
    {
        var output = new OutputRecord(OutputKind.Result, 9, -1, 10_999, Bytes("s@1000"), null, null);

        Assert.Null(ResultPublisher.ToResult(output, 0, 1)!.Value);
    }

    [Theory]
    [InlineData(OutputKind.DeadLetter, "k@1")]
    [InlineData(OutputKind.Late, "k@1")]
    [InlineData(OutputKind.Result, "no-start")]
    [InlineData(OutputKind.Result, "k@12x")]
    public void ToResult_NotAWindowResult_Null(OutputKind kind, string key)
    {
        var output = new OutputRecord(kind, 1, -1, 0, Bytes(key), Bytes("{}"), null);

        Assert.Null(ResultPublisher.ToResult(output, 0, 1));
    }

    [Fact]
    public async Task PublishAsync_ManyResults_BatchesOfAThousandInOrder_OtherOutputsLeftOut()
    {
        var published = new List<List<PublishedResult>>();
        var publisher = new ResultPublisher(batch => { published.Add(batch); return Task.CompletedTask; }, 1, "c", new FakeTimeProvider(), new Entries());
        List<OutputRecord> outputs = [.. Enumerable.Range(0, 2_500).Select(i => Output(i)), new OutputRecord(OutputKind.DeadLetter, 7, -1, 0, Bytes("x"), Bytes("y"), null)];

        await publisher.PublishAsync(epoch: 3, outputs);

        Assert.Equal([1_000, 1_000, 500], published.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => $"k{i}"), published.SelectMany(b => b).Select(r => r.Key));
        Assert.All(published.SelectMany(b => b), r => Assert.Equal((1, 3L), (r.Partition, r.Epoch)));
    }

    [Fact]
    public async Task PublishAsync_StreamHangs_GivesUpAfterTheTimeout()
    {
        var time = new FakeTimeProvider();
        var log = new Entries();
        var publisher = new ResultPublisher(_ => new TaskCompletionSource().Task, 0, "counts/0", time, log);

        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var publishing = publisher.PublishAsync(epoch, [Output(epoch)]);
            Assert.False(publishing.IsCompleted);
            time.Advance(ResultPublisher.Timeout);
            await publishing.WaitAsync(TimeSpan.FromSeconds(30)); // returns: the epoch goes on without its live results
        }

        var line = Assert.Single(log.Lines); // the two later ones fall in the same 30 s
        Assert.Contains("epoch 1 were not all published to live subscribers (1 epochs since the last report; TimeoutException", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_StreamFails_OneWarningPerThirtySecondsCountingTheFailures()
    {
        var time = new FakeTimeProvider();
        var log = new Entries();
        var publisher = new ResultPublisher(_ => Task.FromException(new InvalidOperationException("queue unavailable")), 0, "counts/0", time, log);

        await publisher.PublishAsync(1, [Output(1)]);
        await publisher.PublishAsync(2, [Output(2)]);
        await publisher.PublishAsync(3, [Output(3)]);
        time.Advance(TimeSpan.FromSeconds(30));
        await publisher.PublishAsync(4, [Output(4)]);

        Assert.Equal(2, log.Lines.Count);
        Assert.StartsWith("Committer counts/0: the results of committed epoch 1 were not all published to live subscribers (1 epochs since the last report; InvalidOperationException: queue unavailable)", log.Lines[0], StringComparison.Ordinal);
        Assert.Contains("epoch 4 were not all published to live subscribers (3 epochs since the last report", log.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_NoResults_PublishesNothing()
    {
        var calls = 0;
        var publisher = new ResultPublisher(_ => { calls++; return Task.CompletedTask; }, 0, "c", new FakeTimeProvider(), new Entries());

        await publisher.PublishAsync(1, [new OutputRecord(OutputKind.Late, 1, -1, 0, Bytes("k"), Bytes("v"), null)]);

        Assert.Equal(0, calls);
    }

    private static OutputRecord Output(int i) => new(OutputKind.Result, i, -1, 59_999, Bytes($"k{i}@0"), Bytes("{}"), null);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class Entries : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
