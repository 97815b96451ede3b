using OrleansStreams.Ingress;

namespace OrleansStreams.Silo.Tests.Ingress;

public sealed class PartitionAssignmentTests
{
    private static readonly PartitionId[] Partitions =
        [.. Enumerable.Range(0, 8).Select(p => new PartitionId("orders", p)), .. Enumerable.Range(0, 4).Select(p => new PartitionId("sensors", p))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Assign_AnyClusterSize_EveryPartitionOnceAndLoadWithinOne(int silos)
    {
        var names = Enumerable.Range(0, silos).Select(i => $"10.0.0.{i}:11111@1").ToList();

        var assignment = PartitionAssignment.Assign(names, Partitions);

        Assert.Equal(Partitions.Length, assignment.Count);
        var loads = names.Select(n => assignment.Values.Count(v => v == n)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
    }

    [Fact]
    public void Assign_SameSilosInAnyOrder_SameAnswer()
    {
        string[] silos = ["b:1@1", "a:1@1", "c:1@1"];

        var first = PartitionAssignment.Assign(silos, Partitions);
        var second = PartitionAssignment.Assign(silos.Reverse().ToArray(), Partitions.Reverse().ToArray());

        Assert.Equal(first.OrderBy(p => p.Key.ToString()), second.OrderBy(p => p.Key.ToString()));
    }

    [Fact]
    public void Assign_SiloJoins_MovesOnlyAFewPartitions()
    {
        string[] three = ["a:1@1", "b:1@1", "c:1@1"];
        var before = PartitionAssignment.Assign(three, Partitions);

        var after = PartitionAssignment.Assign([.. three, "d:1@1"], Partitions);

        var moved = Partitions.Count(p => before[p] != after[p]);
        Assert.InRange(moved, 3, 6); // the newcomer takes its share (3) plus little churn
        Assert.Equal(3, after.Values.Count(v => v == "d:1@1"));
    }

    [Fact]
    public void Assign_NoSilos_AssignsNothing() =>
        Assert.Empty(PartitionAssignment.Assign([], Partitions));
}
