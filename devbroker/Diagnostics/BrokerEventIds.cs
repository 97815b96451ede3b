namespace OrleansStreams.DevBroker.Diagnostics;

/// <summary>Event ids of the dev broker's log messages, one range per area.</summary>
internal static class BrokerEventIds
{
    // 1000-1099 hosting
    public const int Started = 1000;
    public const int Stopped = 1001;
    public const int Recovered = 1002;
    public const int BackgroundTaskFailed = 1003;

    // 1100-1199 network
    public const int ConnectionRejected = 1100;
    public const int ConnectionFailed = 1101;
    public const int RequestFailed = 1102;
    public const int RequestHandled = 1103;
    public const int ConnectionError = 1104;

    // 1200-1299 storage
    public const int WriteFailed = 1200;
    public const int TruncatedTail = 1201;
    public const int DirectoryDeleteFailed = 1202;
    public const int TopicCreated = 1203;
    public const int TopicDeleted = 1204;
    public const int JournalCompacted = 1205;

    // 1300-1399 groups
    public const int GroupStabilized = 1300;
    public const int MemberRemoved = 1301;

    // 1400-1499 transactions
    public const int TransactionTimedOut = 1400;
    public const int ProducerFenced = 1401;
    public const int TransactionRecovered = 1402;
}
