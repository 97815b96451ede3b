namespace OrleansStreams.Client;

/// <summary>The answer to a query for several keys.</summary>
/// <param name="Keys">One entry per key asked for, in the order asked.</param>
/// <param name="Positions">The position of every partition that answered; pass it as <see cref="WindowQueryOptions.AtLeast"/> to read at least this state later.</param>
public sealed record WindowQueryResult(IReadOnlyList<KeyWindows> Keys, QueryPositions Positions);
