using System.Globalization;
using System.Text;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Tests.Windows;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

/// <summary>
/// Randomized tests of a whole partition: several keys interleaved, out of order within grace and
/// some late, unreadable values, records of a key owned elsewhere, epochs whose end offset lags
/// the records applied, and checkpoints.
/// </summary>
public sealed class PartitionStateRandomTests
{
    private const int Seeds = 40;
    private const int Length = 150;
    private const string ForeignKey = "x";
    private const int ForeignOwner = 5;
    private static readonly string[] Keys = ["a", "b", "c", "d"];
    private static readonly Dictionary<string, int> Foreign = new() { [ForeignKey] = ForeignOwner };

    public static TheoryData<WindowKind, EmitMode> Configurations()
    {
        var data = new TheoryData<WindowKind, EmitMode>();
        foreach (var kind in Enum.GetValues<WindowKind>())
        {
            data.Add(kind, EmitMode.Final);
            data.Add(kind, EmitMode.OnUpdate);
        }

        return data;
    }

    /// <summary>
    /// Every flush gives, per key, exactly what a brute-force model of that key alone gives (its
    /// window outputs, then its late records and dead letters below the end offset), whatever the
    /// other keys do and although keys emptied at a checkpoint are dropped and start fresh.
    /// </summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public void Flush_RandomPartition_GivesPerKeyExactlyWhatAReferenceModelOfEachKeyGives(WindowKind kind, EmitMode emit)
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var run = Run.Create(new Random((seed * 7919) + ((int)kind * 31) + (int)emit), kind, emit);
            try
            {
                CompareWithModels(run);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Seed {seed}, {run.Pipeline.Window}, late topic {run.Pipeline.LateTopic is not null}: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// The property recovery relies on: a fresh state restored from the stored rows of any
    /// checkpoint and fed the input again from that checkpoint's end offset produces, epoch by
    /// epoch, exactly the outputs the uninterrupted state produced after that checkpoint.
    /// </summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public void Restore_FromAnyCheckpointThenReplayFromItsEndOffset_ProducesExactlyTheOriginalsLaterOutputs(WindowKind kind, EmitMode emit)
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var run = Run.Create(new Random((seed * 104_729) + ((int)kind * 13) + (int)emit), kind, emit);
            try
            {
                CompareRestores(run);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Seed {seed}, {run.Pipeline.Window}, late topic {run.Pipeline.LateTopic is not null}: {e.Message}", e);
            }
        }
    }

    private static void CompareWithModels(Run run)
    {
        var state = NewState(run.Pipeline);
        var models = new Dictionary<string, ReferenceWindowModel>(StringComparer.Ordinal);
        var buffered = new Dictionary<string, List<(long Offset, string Output)>>(StringComparer.Ordinal);
        foreach (var flush in run.Flushes)
        {
            foreach (var (from, to) in flush.Batches)
            {
                Apply(state, Foreign, run.Records[from..to]);
                for (var i = from; i < to; i++)
                {
                    Expect(run, i, models, buffered);
                }
            }

            var outputs = new List<OutputRecord>();
            var rows = new CheckpointRows();
            state.Flush(flush.StreamTime, flush.Bound, flush.Checkpoint, outputs, rows);

            var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (key, model) in models)
            {
                model.CloseDue(flush.StreamTime);
                expected[key] = [.. model.TakeOutputs(flush.Bound).Select(o => ExpectedResult(key, o))];
            }

            foreach (var (key, outputsOfKey) in buffered)
            {
                var list = expected.TryGetValue(key, out var existing) ? existing : expected[key] = [];
                list.AddRange(outputsOfKey.Where(o => o.Offset < flush.Bound).Select(o => o.Output));
                outputsOfKey.RemoveAll(o => o.Offset < flush.Bound);
            }

            var actual = outputs.GroupBy(InputKey).ToDictionary(g => g.Key, g => Describe(g), StringComparer.Ordinal);
            foreach (var (key, list) in expected)
            {
                Assert.Equal(list, actual.GetValueOrDefault(key) ?? []);
            }

            Assert.Empty(actual.Keys.Except(expected.Keys));
        }

        Assert.Equal(0, state.KeyCount);
    }

    private static void CompareRestores(Run run)
    {
        // The uninterrupted run, with the store every checkpoint leaves behind.
        var original = NewState(run.Pipeline);
        var store = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var outputsByFlush = new List<string[]>();
        var storeAfter = new List<Dictionary<string, byte[]>?>();
        foreach (var flush in run.Flushes)
        {
            foreach (var (from, to) in flush.Batches)
            {
                Apply(original, Foreign, run.Records[from..to]);
            }

            var outputs = new List<OutputRecord>();
            var rows = new CheckpointRows();
            original.Flush(flush.StreamTime, flush.Bound, flush.Checkpoint, outputs, rows);
            outputsByFlush.Add(Sorted(outputs));
            foreach (var row in rows)
            {
                if (row.IsDeletion)
                {
                    store.Remove(row.Key);
                }
                else
                {
                    store[row.Key] = row.Snapshot()!;
                }
            }

            storeAfter.Add(flush.Checkpoint ? new Dictionary<string, byte[]>(store, StringComparer.Ordinal) : null);
        }

        Assert.Contains(storeAfter, s => s is { Count: > 0 });
        Assert.Empty(store);

        // Recovery from every checkpoint but the last (which ends the input).
        for (var c = 0; c < run.Flushes.Count - 1; c++)
        {
            if (storeAfter[c] is not { } stored)
            {
                continue;
            }

            var restored = Restored(run.Pipeline, stored.Select(p => new KeyStateRow(p.Key, p.Value)));
            Assert.Equal(stored.Count, restored.KeyCount);
            var replayFrom = (int)run.Flushes[c].Bound;
            var appliedAtCheckpoint = run.Flushes.Take(c + 1).SelectMany(f => f.Batches).Select(b => b.To).DefaultIfEmpty(0).Max();
            Apply(restored, Foreign, run.Records[replayFrom..appliedAtCheckpoint]);
            for (var f = c + 1; f < run.Flushes.Count; f++)
            {
                var flush = run.Flushes[f];
                foreach (var (from, to) in flush.Batches)
                {
                    Apply(restored, Foreign, run.Records[from..to]);
                }

                var outputs = new List<OutputRecord>();
                restored.Flush(flush.StreamTime, flush.Bound, flush.Checkpoint, outputs, []);
                Assert.True(
                    outputsByFlush[f].SequenceEqual(Sorted(outputs)),
                    $"restored from checkpoint {c} (end offset {replayFrom}), flush {f} (end offset {flush.Bound}, stream time {flush.StreamTime}):\n"
                        + $"original:\n  {string.Join("\n  ", outputsByFlush[f])}\nrestored:\n  {string.Join("\n  ", Sorted(outputs))}");
            }

            Assert.Equal(0, restored.KeyCount);
        }
    }

    /// <summary>What applying record <paramref name="i"/> makes the models and the expected buffered outputs do.</summary>
    private static void Expect(Run run, int i, Dictionary<string, ReferenceWindowModel> models, Dictionary<string, List<(long, string)>> buffered)
    {
        var record = run.Records[i];
        var key = Encoding.UTF8.GetString(record.Key!);
        if (key == ForeignKey)
        {
            Add(buffered, key, i, Describe(new OutputRecord(
                OutputKind.DeadLetter, i, -1, Math.Max(record.Timestamp, 0), record.Key, record.Value,
                [new RecordHeader(StreamHeaders.DeadLetterReason, Encoding.UTF8.GetBytes($"key '{ForeignKey}' belongs to partition {ForeignOwner}, not {Partition}: the input topic is not partitioned by this pipeline's key"))])));
            return;
        }

        if (run.Unreadable[i])
        {
            Add(buffered, key, i, Describe(new OutputRecord(
                OutputKind.DeadLetter, i, -1, Math.Max(record.Timestamp, 0), record.Key, record.Value,
                [new RecordHeader(StreamHeaders.DeadLetterReason, Encoding.UTF8.GetBytes("value is not a JSON offset: not an offset"))])));
            return;
        }

        if (!models.TryGetValue(key, out var model))
        {
            models[key] = model = new ReferenceWindowModel(run.Pipeline.Window, run.Pipeline.Emit);
        }

        var (status, missed) = model.Apply(record.EventTime, record.StreamTime, i);
        Assert.NotEqual(Grains.Windows.RecordApplyStatus.Duplicate, status);
        if (missed.Length > 0)
        {
            // With or without a late topic: the producer skips it when there is none, the epoch counts it either way.
            var windows = string.Join(",", missed.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Start}-{w.End}")));
            Add(buffered, key, i, Describe(new OutputRecord(
                OutputKind.Late, i, -1, Math.Max(record.Timestamp, 0), record.Key, record.Value,
                [new RecordHeader(StreamHeaders.LateWindows, Encoding.UTF8.GetBytes(windows))])));
        }
    }

    private static void Add(Dictionary<string, List<(long, string)>> buffered, string key, long offset, string output)
    {
        if (!buffered.TryGetValue(key, out var list))
        {
            buffered[key] = list = [];
        }

        list.Add((offset, output));
    }

    private static string ExpectedResult(string key, RefOutput output)
    {
        var final = output.Kind == WindowOutputKind.Final;
        return Describe(new OutputRecord(
            OutputKind.Result,
            final ? -1 : output.CausingOffset,
            final ? output.CloseTime : -1,
            output.Window.End - 1,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key}@{output.Window.Start}")),
            output.Kind == WindowOutputKind.Retraction ? null : Encoding.UTF8.GetBytes(OffsetsResult(key, output.Window, output.Content!)),
            null));
    }

    /// <summary>The input key an output belongs to: its record key, or for a result the part before '@'.</summary>
    private static string InputKey(OutputRecord output)
    {
        var key = Encoding.UTF8.GetString(output.Key!);
        return output.Kind == OutputKind.Result ? key[..key.LastIndexOf('@')] : key;
    }

    /// <summary>One epoch end, with the batches applied before it.</summary>
    private sealed record FlushPoint(List<(int From, int To)> Batches, long Bound, long StreamTime, bool Checkpoint);

    /// <summary>A random input and the epochs that process it.</summary>
    private sealed record Run(WindowedPipelineDefinition Pipeline, StreamRecord[] Records, bool[] Unreadable, List<FlushPoint> Flushes)
    {
        public static Run Create(Random random, WindowKind kind, EmitMode emit)
        {
            var partition = RandomPartition.Create(random, kind, Length);
            var pipeline = Offsets(partition.Spec, emit, lateTopic: random.Next(4) != 0);
            var records = new StreamRecord[Length];
            var unreadable = new bool[Length];
            for (var i = 0; i < Length; i++)
            {
                var key = random.Next(30) == 0 ? ForeignKey : Keys[Math.Min(random.Next(Keys.Length + 2), Keys.Length - 1)];
                unreadable[i] = key != ForeignKey && random.Next(25) == 0;
                var value = unreadable[i] ? "oops" : string.Create(CultureInfo.InvariantCulture, $$"""{"value": {{i}}}""");
                records[i] = new StreamRecord(
                    i, partition.EventTimes[i], partition.EventTimes[i], partition.StreamTimes[i], Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), null);
            }

            // Epochs end at safe offsets that may lag the records applied; the last one ends the input
            // and runs stream time far enough to close and expire everything.
            var flushes = new List<FlushPoint>();
            int applied = 0, bound = 0;
            while (applied < Length)
            {
                var batches = new List<(int, int)>();
                for (var b = random.Next(0, 3); b > 0 && applied < Length; b--)
                {
                    var to = Math.Min(Length, applied + random.Next(1, 12));
                    batches.Add((applied, to));
                    applied = to;
                }

                bound = random.Next(Math.Max(bound, 1), Math.Max(bound, applied) + 1);
                if (bound > applied)
                {
                    continue; // nothing applied yet: no epoch can end
                }

                flushes.Add(new FlushPoint(batches, bound, partition.StreamTimes[bound - 1], random.Next(3) == 0));
            }

            flushes.Add(new FlushPoint([], Length, partition.StreamTimes[^1] + 10_000, true));
            return new Run(pipeline, records, unreadable, flushes);
        }
    }
}
