using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;

namespace OrleansStreams.DevBroker.State;

/// <summary>
/// Keeps the journal small while the broker runs: when it grows past a threshold it is rewritten
/// as a snapshot of the live state (written by <paramref name="writeSnapshot"/>) plus whatever was
/// appended meanwhile.
/// </summary>
internal sealed class JournalCompactor(Journal journal, Action<Journal> writeSnapshot, long thresholdBytes, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private ITimer? _timer;
    private int _running;

    public void Start(TimeSpan checkInterval) => _timer = time.CreateTimer(_ => CompactIfLarge(), null, checkInterval, checkInterval);

    public void CompactIfLarge()
    {
        if (journal.Length < thresholdBytes || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var before = journal.Length;
            journal.Compact(writeSnapshot);
            BrokerLog.LogJournalCompacted(logger, before, journal.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BrokerLog.LogBackgroundTaskFailed(logger, "journal compaction", e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }
}
