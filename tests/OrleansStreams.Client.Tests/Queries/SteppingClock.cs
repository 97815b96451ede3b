using Microsoft.Extensions.Time.Testing;

namespace OrleansStreams.Client.Tests.Queries;

/// <summary>
/// Fake time that knows which timers are armed. <see cref="Drive"/> runs a task to its end: whenever
/// the task waits on a timer (and nothing else runs), time jumps to that timer. Continuations of
/// TimeProvider delays run asynchronously, so advancing blindly would race the code under test.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _inner = new(DateTimeOffset.UnixEpoch.AddDays(20_000));
    private readonly Lock _lock = new();
    private readonly Dictionary<Timer, DateTimeOffset> _armed = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this);
        Arm(timer, dueTime);
        timer.Inner = _inner.CreateTimer(
            s =>
            {
                Arm(timer, period);
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    /// <summary>Runs <paramref name="task"/> to its end on fake time, failing after a minute of real time without progress.</summary>
    public async Task<T> Drive<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            Task changed;
            DateTimeOffset? next;
            lock (_lock)
            {
                changed = _changed.Task;
                next = _armed.Count == 0 ? null : _armed.Values.Min();
            }

            if (next is { } due)
            {
                var delta = due - GetUtcNow();
                Advance(delta > TimeSpan.Zero ? delta : TimeSpan.Zero);
                continue;
            }

            var first = await Task.WhenAny(task, changed, Task.Delay(Guard));
            Assert.True(first == task || first == changed, "the task neither finished nor waited on a timer for a minute");
        }

        return await task;
    }

    private void Arm(Timer timer, TimeSpan dueTime)
    {
        // Read before taking the lock: the fake provider calls back into Arm while holding its own.
        var now = GetUtcNow();
        lock (_lock)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _armed.Remove(timer);
            }
            else
            {
                _armed[timer] = now + dueTime;
            }

            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private sealed class Timer(SteppingClock clock) : ITimer
    {
        public ITimer? Inner { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Arm(this, Timeout.InfiniteTimeSpan);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
