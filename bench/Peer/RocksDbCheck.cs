using RocksDbSharp;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// Opens, writes and reads a RocksDB database in a temp directory before anything else runs, so that a
/// native library that does not load on this machine stops the benchmark at once, with the loader's error,
/// instead of as a Streamiz worker failing mid-run.
/// </summary>
internal static class RocksDbCheck
{
    /// <summary>Null when RocksDB works; otherwise what failed.</summary>
    public static string? Run()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"peer-rocksdb-check-{Guid.NewGuid():N}");
        try
        {
            using (var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), directory))
            {
                db.Put("check", "ok");
                if (db.Get("check") != "ok")
                {
                    return "RocksDB read back something else than it wrote";
                }
            }

            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or RocksDbException)
        {
            return $"{e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}";
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
