namespace OrleansStreams.Bench.Peer;

/// <summary>One system under test inside a worker process.</summary>
internal interface IPeerSystem : IAsyncDisposable
{
    /// <summary>Builds what the system needs before it is handed the input (clients, topology, the silo host); not timed.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Starts processing; the worker's clock runs from here.</summary>
    Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>One line about the run for the log (records piped, results counted), printed when stopped.</summary>
    string Summary();

    /// <summary>Bytes of key state the system wrote to its storage since it began, or null when it does not say.</summary>
    long? StateBytesWritten => null;
}
