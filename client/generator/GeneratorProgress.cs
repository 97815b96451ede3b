namespace OrleansStreams.Generation;

/// <summary>A progress report of the load generator.</summary>
/// <param name="Produced">Records acknowledged by the broker in this run.</param>
/// <param name="InTopic">Records in the topic counting earlier runs (what <see cref="GeneratorOptions.Total"/> counts).</param>
/// <param name="Target">The total to reach, or 0 for no limit.</param>
/// <param name="RecordsPerSecond">Acknowledged records per second since the last report.</param>
public readonly record struct GeneratorProgress(long Produced, long InTopic, long Target, double RecordsPerSecond);
