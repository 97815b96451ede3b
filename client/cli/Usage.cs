namespace OrleansStreams.Client.Cli;

/// <summary>The <c>--help</c> text.</summary>
internal static class Usage
{
    public const string Text = """
        usage: orleans-streams <command> [--option value ...]

        commands:
          produce    generate sensor readings     --bootstrap --topic --rate --total --keys --skew --event-time-speed
                                                  --out-of-order-share --late-share --unreadable-share --seed
                                                  --client property=value (repeatable: librdkafka properties)
          verify     check the committed output   --bootstrap --input --output --window --advance --grace
                     against the input            --value-property --wait --client property=value
          query      window state of keys         --pipeline P --key K [--key K2 ...] [--consistency committed|latest]
                                                  [--from T] [--to T] [--wait 10s] [--json]
                                                  T: epoch milliseconds or ISO-8601, e.g. 2025-01-31T12:00:00Z
          status     partitions of a pipeline     [--pipeline P] [--json]; without --pipeline: every pipeline
                     (lag, position, silo)        and the cluster's silos
          pipelines  the cluster's pipelines      [--json]
          watch      follow committed results     --pipeline P [--key K] [--count N] [--json]
                     as they are published        (the pipeline needs PublishResults=true); until ^C or N results

        cluster options (query, status, pipelines, watch):
          --gateway host:port    a silo gateway, repeatable (Localhost clustering; default 127.0.0.1:30000)
          --membership CONN      PostgreSQL connection string of the membership table (AdoNet clustering)
          --cluster-id ID        default orleans-streams
          --service-id ID        default orleans-streams
          environment: Cluster__Provider, Cluster__Gateways, Cluster__GatewayPort, Cluster__ConnectionString,
          Cluster__ClusterId, Cluster__ServiceId, Cluster__ConnectTimeout (default 10s); options win

        exit codes:
          0    done
          1    verify: the output differs from the input; query: a key has no state
          2    bad command line or Cluster setting, or the cluster cannot be reached or failed a call
          3    Kafka error
          4    query: a partition could not answer within --wait (not running, replaying or unreachable)
          5    no such pipeline, or it is not windowed (watch: or does not publish its results)
          130  interrupted
        """;
}
