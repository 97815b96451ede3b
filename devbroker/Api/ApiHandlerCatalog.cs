using OrleansStreams.DevBroker.Hosting;

namespace OrleansStreams.DevBroker.Api;

/// <summary>Builds the handler of every API the broker advertises.</summary>
internal static class ApiHandlerCatalog
{
    public static ApiHandlers Create(BrokerContext broker)
    {
        ApiHandlers? handlers = null;
        handlers = new ApiHandlers(
        [
            new ProduceHandler(broker),
            new FetchHandler(broker),
            new ListOffsetsHandler(broker),
            new MetadataHandler(broker),
            new OffsetCommitHandler(broker),
            new OffsetFetchHandler(broker),
            new FindCoordinatorHandler(broker),
            new JoinGroupHandler(broker),
            new HeartbeatHandler(broker),
            new LeaveGroupHandler(broker),
            new SyncGroupHandler(broker),
            new DescribeGroupsHandler(broker),
            new ListGroupsHandler(broker),
            new ApiVersionsHandler(() => handlers!),
            new CreateTopicsHandler(broker),
            new DeleteTopicsHandler(broker),
            new DeleteRecordsHandler(broker),
            new InitProducerIdHandler(broker),
            new OffsetForLeaderEpochHandler(broker),
            new AddPartitionsToTxnHandler(broker),
            new AddOffsetsToTxnHandler(broker),
            new EndTxnHandler(broker),
            new TxnOffsetCommitHandler(broker),
            new DescribeConfigsHandler(broker),
            new CreatePartitionsHandler(broker),
            new DeleteGroupsHandler(broker),
        ]);
        return handlers;
    }
}
