using OrleansStreams.Storage;

namespace OrleansStreams.Silo.Tests.Storage.Support;

/// <summary>A grain whose whole job is to keep <see cref="StorageTestState"/> in the <see cref="StorageNames.State"/> storage.</summary>
public interface IStorageTestGrain : IGrainWithStringKey
{
    Task<StorageTestState> Get();

    /// <summary>Sets the value, counts the write and persists.</summary>
    Task Set(string value);
}

[GenerateSerializer, Alias("OrleansStreams.Tests.StorageTestState")]
public sealed class StorageTestState
{
    [Id(0)]
    public string? Value { get; set; }

    [Id(1)]
    public int Writes { get; set; }

    /// <summary>Makes the serialized state about the size of a key grain snapshot.</summary>
    [Id(2)]
    public string Padding { get; set; } = string.Empty;
}

public sealed class StorageTestGrain(
    [PersistentState(StorageTestGrain.StateName, StorageNames.State)] IPersistentState<StorageTestState> state)
    : Grain, IStorageTestGrain
{
    public const string StateName = "storage-test";

    public Task<StorageTestState> Get() => Task.FromResult(state.State);

    public async Task Set(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
    }
}
