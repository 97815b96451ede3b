using System.Diagnostics.Metrics;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// Sums the silo's <c>orleansstreams.state.written</c> counter in this process (the bytes of key state
/// written to storage, as operators see them on the metrics endpoint).
/// </summary>
internal sealed class StateBytesListener : IDisposable
{
    private const string Instrument = "orleansstreams.state.written";
    private readonly MeterListener _listener = new();
    private long _bytes;

    public StateBytesListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Grains.Telemetry.OrleansStreamsMetrics.Name && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _bytes, value));
        _listener.Start();
    }

    /// <summary>Bytes written since this listener started.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Dispose() => _listener.Dispose();
}
