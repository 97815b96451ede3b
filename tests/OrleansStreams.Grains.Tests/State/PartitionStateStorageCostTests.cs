using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

/// <summary>The checkpoint bytes one key of the demo pipeline costs, as the README states them.</summary>
public sealed class PartitionStateStorageCostTests
{
    [Fact]
    public void Checkpoint_DemoPipelineKey_CostsTheBytesTheReadmeStates()
    {
        var state = NewState(ShippedDemo());
        Apply(state, Reading(0, T0 + 1_000, T0 + 1_000, 1), Reading(1, T0 + 2_000, T0 + 2_000, 2));
        var open = Assert.Single(Checkpoint(state, T0 + 2_000, 2).Rows).Data.Length;

        // The next window opens and the first closes: the default retention keeps it until the next one closes.
        Apply(state, Reading(2, T0 + 75_000, T0 + 75_000, 3));
        var epoch = Checkpoint(state, T0 + 75_000, 3);
        var openAndClosed = Assert.Single(epoch.Rows).Data.Length;

        Assert.Equal((51, 87), (open, openAndClosed));
    }
}
