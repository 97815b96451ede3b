namespace OrleansStreams.DevBroker.State;

/// <summary>A topic as the journal knows it; <see cref="Id"/> names its directory so a re-created topic starts empty.</summary>
internal sealed record TopicRecord(string Name, Guid Id, int Partitions, IReadOnlyDictionary<string, string> Configs);
