using Microsoft.Data.Sqlite;

namespace OrleansStreams.TestKit;

/// <summary>
/// A SQLite database file in a fresh temporary directory (the file itself is not created, so code
/// under test can create it). Disposing clears the driver's connection pools and deletes the directory.
/// </summary>
public sealed class SqliteTestFile : IDisposable
{
    private SqliteTestFile(string directory, string path)
    {
        Directory = directory;
        Path = path;
    }

    /// <summary>The temporary directory holding the database (and its -wal/-shm files).</summary>
    public string Directory { get; }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path }.ConnectionString;

    /// <summary>Reserves a database path <c>&lt;temp&gt;/&lt;prefix&gt;-&lt;guid&gt;/&lt;subdirectory&gt;/state.db</c>.</summary>
    /// <param name="prefix">Names the test, to find leftovers.</param>
    /// <param name="subdirectory">A folder below the temporary directory that does not exist yet, or null.</param>
    public static SqliteTestFile Create(string prefix, string? subdirectory = null)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var path = subdirectory is null
            ? System.IO.Path.Combine(directory, "state.db")
            : System.IO.Path.Combine(directory, subdirectory, "state.db");
        return new SqliteTestFile(directory, path);
    }

    /// <summary>Opens a pooled connection to the file.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still open elsewhere; the temp directory is cleaned by the OS eventually.
        }
    }
}
