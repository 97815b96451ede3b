using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>The <c>Storage</c> settings through the real silo executable.</summary>
public sealed class SiloStorageProcessTests
{
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");

    [Fact]
    public async Task Run_DefaultSettings_AppliesSqliteSchemaInWalModeUnderWorkingDirectoryBeforeReady()
    {
        using var workingDirectory = SqliteTestFile.Create("orleansstreams-silo");
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly,
            [$"--Cluster:SiloPort={FreePorts.Next()}", $"--Cluster:GatewayPort={FreePorts.Next()}", $"--Metrics:Listen=127.0.0.1:{FreePorts.Next()}", "--Query:Listen=127.0.0.1:0", $"--DevBroker:Listen=127.0.0.1:{FreePorts.Next()}"],
            workingDirectory: workingDirectory.Directory);

        await silo.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        silo.Terminate();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var database = Path.Combine(workingDirectory.Directory, "data", "state.db");
        var applied = Assert.Single(silo.Lines, l => l.Contains("Applied SQLite persistence schema", StringComparison.Ordinal));
        Assert.Contains($"to {database} in ", applied, StringComparison.Ordinal);
        Assert.Contains("journal_mode=wal", applied, StringComparison.Ordinal);
        Assert.True(
            silo.Lines.ToList().FindIndex(l => l.Contains("Applied SQLite", StringComparison.Ordinal))
            < silo.Lines.ToList().FindIndex(l => l.Contains(" ready at ", StringComparison.Ordinal)));
        Assert.True(File.Exists(database));
    }

    [Theory]
    [InlineData("--Storage:Provider=Oracle", "Invalid setting Storage:Provider = 'Oracle': allowed is one of Sqlite, PostgreSql, Memory.")]
    [InlineData("--Storage:Provider=PostgreSql",
        "Invalid setting Storage:ConnectionString = (missing): allowed is a PostgreSQL connection string (Npgsql keywords, e.g. Host=db;Database=orleansstreams;Username=silo;Password=...) when Storage:Provider is PostgreSql.")]
    public async Task Run_InvalidStorageSetting_PrintsOneLineNamingKeyValueAndAllowedAndExits(string argument, string expected)
    {
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly, [argument]);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal([expected], silo.Lines);
    }
}
