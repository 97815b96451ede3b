namespace OrleansStreams.DevBroker.Hosting;

/// <summary>
/// An exclusive lock on the data directory, so two brokers never write the same files. The
/// operating system releases it when the process dies, so a killed broker can be restarted at once.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, ".lock");
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"The data directory {dataDirectory} is in use by another dev broker.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
