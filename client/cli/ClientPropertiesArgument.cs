namespace OrleansStreams.Client.Cli;

/// <summary>The <c>--client property=value</c> options (repeatable): librdkafka properties for the tool's Kafka clients, as <c>Kafka:Client</c> gives them to silos.</summary>
internal static class ClientPropertiesArgument
{
    public static IReadOnlyDictionary<string, string> Read(CommandLine args)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in args.Strings("client"))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--client '{option}': expected property=value, e.g. security.protocol=SASL_SSL");
            }

            properties[option[..equals]] = option[(equals + 1)..];
        }

        return properties;
    }
}
