using System.Text.Json.Serialization;
using OrleansStreams.Aggregation;
using OrleansStreams.Grains.Windows;

namespace OrleansStreams.Bench.Windows;

/// <summary>The same state as a binary window snapshot, shaped for System.Text.Json.</summary>
internal sealed record JsonWindowSnapshot(
    long LastOffset,
    long? StreamTime,
    long? SessionHorizon,
    List<JsonWindow> Windows,
    List<JsonPane> Panes,
    List<JsonOutput> Pending)
{
    public static JsonWindowSnapshot From(WindowEngineState<StatsAccumulator> state)
    {
        var windows = new List<JsonWindow>(state.Windows.Count);
        foreach (var slot in state.Windows.AsSpan())
        {
            windows.Add(new JsonWindow(slot.Start, slot.End, slot.Closed, slot.Accumulator));
        }

        var panes = new List<JsonPane>(state.Panes.Count);
        foreach (var pane in state.Panes.AsSpan())
        {
            panes.Add(new JsonPane(pane.Time, pane.Accumulator));
        }

        var pending = new List<JsonOutput>(state.Pending.Count);
        foreach (var output in state.Pending.AsSpan())
        {
            pending.Add(new JsonOutput((byte)output.Kind, output.Start, output.End, output.CausingOffset, output.Accumulator));
        }

        return new JsonWindowSnapshot(
            state.LastOffset,
            state.StreamTime == long.MinValue ? null : state.StreamTime,
            state.SessionHorizon == long.MinValue ? null : state.SessionHorizon,
            windows,
            panes,
            pending);
    }

    public WindowEngineState<StatsAccumulator> ToState()
    {
        var state = new WindowEngineState<StatsAccumulator>
        {
            LastOffset = LastOffset,
            StreamTime = StreamTime ?? long.MinValue,
            SessionHorizon = SessionHorizon ?? long.MinValue,
        };
        foreach (var window in Windows)
        {
            state.Windows.Add(new WindowSlot<StatsAccumulator>(window.Start, window.End, window.Accumulator) { Closed = window.Closed });
        }

        foreach (var pane in Panes)
        {
            state.Panes.Add(new Pane<StatsAccumulator>(pane.Time, pane.Accumulator));
        }

        foreach (var output in Pending)
        {
            state.Pending.Add(new PendingOutput<StatsAccumulator>(
                (WindowOutputKind)output.Kind, output.Start, output.End, output.CausingOffset, output.Accumulator));
        }

        return state;
    }
}

internal sealed record JsonWindow(long Start, long End, bool Closed, StatsAccumulator Accumulator);

internal sealed record JsonPane(long Time, StatsAccumulator Accumulator);

internal sealed record JsonOutput(byte Kind, long Start, long End, long CausingOffset, StatsAccumulator Accumulator);

/// <summary>Source-generated serialization: System.Text.Json at its fastest.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(JsonWindowSnapshot))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
