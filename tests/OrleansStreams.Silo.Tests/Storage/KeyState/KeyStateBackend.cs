namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>The implementations of the key state store the behavioural tests run against.</summary>
public enum KeyStateBackend
{
    Sqlite,
    PostgreSql,
    Memory,
}
