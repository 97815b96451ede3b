using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>CreateTopics checks, with Kafka's error codes and messages: name, partition count, replication factor, configs.</summary>
internal static class TopicValidation
{
    /// <summary>Returns 0 and the explicit configs when valid (resolving -1 partitions to the default), else the error and message.</summary>
    public static short Validate(
        string name,
        ref int partitions,
        short replicationFactor,
        IReadOnlyDictionary<string, string?> configs,
        int defaultPartitions,
        out string? message,
        out Dictionary<string, string> explicitConfigs)
    {
        message = null;
        explicitConfigs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TopicNames.IsValid(name))
        {
            message = $"Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-', or is too long";
            return ErrorCodes.InvalidTopic;
        }

        if (partitions == -1)
        {
            partitions = defaultPartitions;
        }

        if (partitions < 1)
        {
            message = "Number of partitions must be larger than 0.";
            return ErrorCodes.InvalidPartitions;
        }

        if (replicationFactor is 0 or < -1 or > 1)
        {
            // One node: Kafka refuses a replication factor it cannot reach.
            message = replicationFactor > 1
                ? $"Unable to replicate the partition {replicationFactor} time(s): The target replication factor of {replicationFactor} cannot be reached because only 1 broker(s) are registered."
                : "Replication factor must be larger than 0, or -1 to use the default value.";
            return ErrorCodes.InvalidReplicationFactor;
        }

        foreach (var (key, value) in configs)
        {
            if (TopicConfigs.Validate(key, value) is { } invalid)
            {
                message = invalid;
                return ErrorCodes.InvalidConfig;
            }

            explicitConfigs[key] = value!;
        }

        return ErrorCodes.None;
    }
}
