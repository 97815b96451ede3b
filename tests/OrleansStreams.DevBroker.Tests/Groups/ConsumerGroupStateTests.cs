using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Tests.Groups;

public sealed class ConsumerGroupStateTests
{
    private const long InitialDelayMs = 100;

    [Fact]
    public async Task Join_FirstJoinV4_MemberIdRequiredThenFirstGenerationAfterInitialDelay()
    {
        var group = new ConsumerGroup("g", InitialDelayMs, NullLogger.Instance);

        var first = await group.Join(Request(""), 0);
        var parked = group.Join(Request(first.MemberId), 0);
        group.Tick(InitialDelayMs - 1);
        var before = parked.IsCompleted;
        group.Tick(InitialDelayMs);

        Assert.Equal(ErrorCodes.MemberIdRequired, first.ErrorCode);
        Assert.False(before);
        var joined = await parked;
        Assert.Equal((ErrorCodes.None, 1, first.MemberId, "range"), (joined.ErrorCode, joined.GenerationId, joined.LeaderId, joined.ProtocolName));
        Assert.Single(joined.Members);
        Assert.Equal(GroupState.CompletingRebalance, group.State);
    }

    [Fact]
    public async Task Sync_LeaderAssigns_EveryMemberGetsItsOwnAssignment()
    {
        var group = new ConsumerGroup("g", 0, NullLogger.Instance);
        var (a, b) = TwoMembers(group);

        var followerSync = group.Sync(b, 2, new Dictionary<string, byte[]>(), 10);
        var leaderSync = group.Sync(a, 2, new Dictionary<string, byte[]> { [a] = [1], [b] = [2] }, 10);

        Assert.Equal([1], (await leaderSync).Assignment);
        Assert.Equal([2], (await followerSync).Assignment);
        Assert.Equal(GroupState.Stable, group.State);
        Assert.Equal(ErrorCodes.None, group.Heartbeat(b, 2, 20));
        Assert.Equal(ErrorCodes.IllegalGeneration, group.Heartbeat(b, 1, 20));
    }

    [Fact]
    public async Task Tick_MemberStopsHeartbeating_RemovedAfterSessionTimeoutAndOthersRebalance()
    {
        var group = new ConsumerGroup("g", 0, NullLogger.Instance);
        var (a, b) = TwoMembers(group);
        _ = group.Sync(b, 2, new Dictionary<string, byte[]>(), 10);
        _ = group.Sync(a, 2, new Dictionary<string, byte[]> { [a] = [1], [b] = [2] }, 10);

        group.Heartbeat(a, 2, 5_000);
        group.Tick(6_009);
        var stillThere = group.MemberCount;
        group.Heartbeat(a, 2, 6_010);
        group.Tick(6_011);

        Assert.Equal(2, stillThere);
        Assert.Equal(GroupState.PreparingRebalance, group.State);
        Assert.Equal(ErrorCodes.RebalanceInProgress, group.Heartbeat(a, 2, 6_020));
        Assert.Equal(ErrorCodes.UnknownMemberId, group.Heartbeat(b, 2, 6_020));
        var rejoined = await group.Join(Request(a), 6_030);
        Assert.Equal((ErrorCodes.None, 3), (rejoined.ErrorCode, rejoined.GenerationId));
    }

    [Fact]
    public async Task Join_MemberDoesNotRejoin_RemovedWhenRebalanceTimeoutExpires()
    {
        var group = new ConsumerGroup("g", 0, NullLogger.Instance);
        var (a, b) = TwoMembers(group);
        _ = group.Sync(b, 2, new Dictionary<string, byte[]>(), 10);
        _ = group.Sync(a, 2, new Dictionary<string, byte[]> { [a] = [1], [b] = [2] }, 10);

        var leaderRejoin = group.Join(Request(a) with { Protocols = [new GroupProtocol("range", [9])] }, 100);
        group.Heartbeat(b, 2, 9_000);
        group.Tick(10_099);
        var waiting = leaderRejoin.IsCompleted;
        group.Tick(10_100);

        Assert.False(waiting);
        var result = await leaderRejoin;
        Assert.Equal((ErrorCodes.None, 3), (result.ErrorCode, result.GenerationId));
        Assert.Equal(1, group.MemberCount);
    }

    [Fact]
    public void ValidateOffsetCommit_SimpleCommitWhileGroupHasMembers_OnlyTransactionalAccepted()
    {
        var group = new ConsumerGroup("g", 0, NullLogger.Instance);
        TwoMembers(group);

        Assert.Equal(ErrorCodes.UnknownMemberId, group.ValidateOffsetCommit(-1, "", null, transactional: false, 0));
        Assert.Equal(ErrorCodes.None, group.ValidateOffsetCommit(-1, "", null, transactional: true, 0));
    }

    private static (string Leader, string Follower) TwoMembers(ConsumerGroup group)
    {
        var a = group.Join(Request(""), 0).Result.MemberId;
        var b = group.Join(Request(""), 0).Result.MemberId;
        _ = group.Join(Request(a), 0);
        group.Tick(0);
        _ = group.Sync(a, 1, new Dictionary<string, byte[]>(), 0);
        var joinB = group.Join(Request(b), 1);
        var rejoinA = group.Join(Request(a), 2);
        Assert.Equal(2, joinB.Result.GenerationId);
        Assert.Equal(a, rejoinA.Result.LeaderId);
        return (a, b);
    }

    private static JoinRequest Request(string memberId) =>
        new("g", 6_000, 10_000, memberId, null, "consumer", [new GroupProtocol("range", [1]), new GroupProtocol("roundrobin", [2])], "client", "/127.0.0.1", RequireKnownMemberId: true);
}
