namespace OrleansStreams.DevBroker.Protocol;

/// <summary>A request (or a stored record) could not be parsed: too short, a bad length or count.</summary>
internal sealed class MalformedRequestException : Exception
{
    public MalformedRequestException()
    {
    }

    public MalformedRequestException(string message)
        : base(message)
    {
    }

    public MalformedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
