using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>Receives one journal record during replay.</summary>
internal delegate void JournalVisitor(JournalRecordType type, ref KafkaReader body);
