using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.State;
using OrleansStreams.Storage.KeyState;
using static OrleansStreams.Silo.Tests.Storage.KeyState.KeyStateTestData;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>
/// The Memory store across silos: every silo's store sees the pipeline's one grain, so state and
/// fencing follow a partition to another live silo; the state goes when the hosting silo stops.
/// </summary>
public sealed class MemoryKeyStateClusterTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var settings = StorageSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" }).Build());
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = "keystate-memory";
        builder.ConfigureSilo((_, silo) => silo.AddOrleansStreamsStorage(settings));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WriteCheckpointAsync_OnOneSilo_AnotherSiloLoadsItAndFencesTheOldGeneration()
    {
        var (first, second) = (Store(_cluster.Silos[0]), Store(_cluster.Silos[1]));
        Assert.IsType<MemoryKeyStateStore>(first);
        var pipeline = NewPipeline();
        var old = await first.BeginGenerationAsync(pipeline, 0);
        await first.WriteCheckpointAsync(pipeline, 0, old, 1, Rows(("a", "a1"), ("b", "b1")));

        // The partition moves: the other silo begins a generation and reads the state back.
        var moved = await second.BeginGenerationAsync(pipeline, 0);
        var loaded = await LoadAsync(second, pipeline, 0);

        Assert.Equal(old + 1, moved);
        Assert.Equal(Expected(("a", "a1"), ("b", "b1")), loaded);
        await Assert.ThrowsAsync<StateFencedException>(() => first.WriteCheckpointAsync(pipeline, 0, old, 2, Rows(("a", "zombie"))));
        await second.WriteCheckpointAsync(pipeline, 0, moved, 2, Rows(("a", "a2")));
        Assert.Equal(Expected(("a", "a2"), ("b", "b1")), await LoadAsync(first, pipeline, 0));
    }

    [Fact]
    public async Task BeginGenerationAsync_AfterTheHostingSiloStopped_StartsOverAndTheOldGenerationIsFenced()
    {
        var (primary, secondary) = (_cluster.Silos[0], _cluster.Silos[1]);
        var pipeline = await PipelineHostedOnAsync(secondary);
        var store = Store(primary);
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));

        await _cluster.StopSiloAsync(secondary);

        await Assert.ThrowsAsync<StateFencedException>(() => store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2"))));
        Assert.Empty(await LoadAsync(store, pipeline, 0));
        Assert.Equal(1, await store.BeginGenerationAsync(pipeline, 0));
    }

    private static IKeyStateStore Store(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IKeyStateStore>();

    /// <summary>A fresh pipeline whose grain is active on <paramref name="silo"/> (placement decides; try until it does).</summary>
    private async Task<string> PipelineHostedOnAsync(InProcessSiloHandle silo)
    {
        var grains = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var pipeline = NewPipeline();
            var grain = grains.GetGrain<IMemoryKeyStateGrain>(pipeline);
            await grain.BeginGeneration(99);
            if (await management.GetActivationAddress(grain) == silo.SiloAddress)
            {
                return pipeline;
            }
        }

        throw new InvalidOperationException($"no grain was placed on {silo.SiloAddress} in 50 attempts");
    }
}
