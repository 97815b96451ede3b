namespace OrleansStreams.Grains.State;

/// <summary>Checkpoint rows in ordinal key order, as a struct comparer: the sort of a million-row checkpoint calls it directly, not through a delegate.</summary>
internal readonly struct OrdinalRowOrder : IComparer<KeyStateRow>
{
    public int Compare(KeyStateRow x, KeyStateRow y) => string.CompareOrdinal(x.Key, y.Key);
}
