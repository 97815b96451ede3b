using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime.Messaging;

namespace OrleansStreams.Client.Hosting;

/// <summary>
/// Retries connecting to the cluster (silos still starting, a gateway down) until the connect timeout
/// is spent, then lets the start fail. Orleans' default filter retries for minutes, far too long for
/// a command-line call or an application that should report an unreachable cluster.
/// </summary>
internal sealed class DeadlineConnectionRetryFilter(TimeSpan connectTimeout, TimeProvider time) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly DateTimeOffset _deadline = time.GetUtcNow() + connectTimeout;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || !IsTransient(exception) || time.GetUtcNow() + Delay >= _deadline)
        {
            return false;
        }

        await Task.Delay(Delay, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsTransient(Exception exception) =>
        exception is ConnectionFailedException or OrleansMessageRejectionException or TimeoutException or SocketException or DbException;
}
