using OrleansStreams.Bench.Harness;

namespace OrleansStreams.Bench.Windowed;

/// <summary>One run of the demo pipeline over the whole input.</summary>
/// <param name="Run">Records committed, time from silo start to the last commit, CPU of this process.</param>
/// <param name="FirstTenth">Time until the first 10% of the input was committed: the cold start (grain activations, first epochs).</param>
/// <param name="Results">Window results the silo's agents counted as committed.</param>
/// <param name="DeadLettered">Unreadable input records sent to the dead-letter topic.</param>
/// <param name="Generations">Partition generations started (one per partition when nothing failed).</param>
/// <param name="Finished">False when the run hit its time limit before the committed offsets reached the end.</param>
internal readonly record struct WindowedResult(Measurement Run, TimeSpan FirstTenth, long Results, long DeadLettered, long Generations, bool Finished);
