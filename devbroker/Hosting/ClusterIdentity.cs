namespace OrleansStreams.DevBroker.Hosting;

/// <summary>The cluster id in <c>meta.properties</c> (as Kafka keeps it), created on the first start.</summary>
internal static class ClusterIdentity
{
    private const string Key = "cluster.id=";

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "meta.properties");
        if (File.Exists(path))
        {
            var line = File.ReadAllLines(path).FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
            if (line is { Length: > 11 })
            {
                return line[Key.Length..];
            }
        }

        var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, $"# OrleansStreams dev broker\nversion=1\nnode.id={BrokerNode.DefaultNodeId}\n{Key}{id}\n");
        File.Move(temporary, path, overwrite: true);
        return id;
    }
}
