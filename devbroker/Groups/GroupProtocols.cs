namespace OrleansStreams.DevBroker.Groups;

/// <summary>Which assignor protocols a group can use, and the one it picks for a generation.</summary>
internal static class GroupProtocols
{
    /// <summary>A joining member is compatible when its protocol type matches and it shares a protocol with every member.</summary>
    public static bool AreSupported(IReadOnlyCollection<GroupMember> members, string? groupProtocolType, string protocolType, IReadOnlyList<GroupProtocol> protocols)
    {
        if (protocolType.Length == 0 || protocols.Count == 0)
        {
            return false;
        }

        if (members.Count == 0)
        {
            return true;
        }

        return protocolType == groupProtocolType && protocols.Any(p => members.All(m => m.Protocols.Any(mp => mp.Name == p.Name)));
    }

    /// <summary>The protocol every member supports that most members list first among those (ties: the first member's order).</summary>
    public static string Select(IReadOnlyCollection<GroupMember> members)
    {
        var candidates = members.First().Protocols.Select(p => p.Name)
            .Where(name => members.All(m => m.Protocols.Any(p => p.Name == name)))
            .ToList();
        var votes = members
            .Select(m => m.Protocols.Select(p => p.Name).First(candidates.Contains))
            .GroupBy(name => name)
            .ToDictionary(g => g.Key, g => g.Count());
        return candidates.OrderByDescending(name => votes.GetValueOrDefault(name)).First();
    }
}
