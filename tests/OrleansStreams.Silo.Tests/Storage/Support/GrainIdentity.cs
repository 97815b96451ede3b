namespace OrleansStreams.Silo.Tests.Storage.Support;

/// <summary>The identity parameters Orleans binds for every grain storage query.</summary>
public sealed record GrainIdentity(int Hash, long N0, long N1, int TypeHash, string Type, string? Extension, string ServiceId)
{
    /// <summary>A string-keyed grain as Orleans describes it: N0 = N1 = 0, the key in the extension.</summary>
    public static GrainIdentity ForStringKey(string key, string type = "snapshot", string serviceId = "contract-tests") =>
        new(StableHash(key), 0, 0, StableHash(type), type, key, serviceId);

    // Any deterministic int will do: the database treats hashes as opaque, and tests that need a
    // collision set Hash/TypeHash explicitly.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
