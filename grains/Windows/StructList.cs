using System.Runtime.CompilerServices;

namespace OrleansStreams.Grains.Windows;

/// <summary>
/// A growable array of structs whose items are reached by reference, so window state is
/// updated in place without copies or allocations. It is itself a struct, held in a field and
/// reached by reference (<c>ref var list = ref state.Windows</c>): changes made through a copy
/// would be lost. It allocates nothing until its first item and grows from one item, because a
/// million keys each hold one or two windows and outputs.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal struct StructList<T>
{
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndexOutOfRange(index);
            }

            return ref _items![index];
        }
    }

    public readonly ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, _count);

    public void Add(in T item)
    {
        if (_count == (_items?.Length ?? 0))
        {
            Grow();
        }

        _items![_count++] = item;
    }

    public void Insert(int index, in T item)
    {
        if ((uint)index > (uint)_count)
        {
            ThrowIndexOutOfRange(index);
        }

        if (_count == (_items?.Length ?? 0))
        {
            Grow();
        }

        if (index < _count)
        {
            Array.Copy(_items!, index, _items!, index + 1, _count - index);
        }

        _items![index] = item;
        _count++;
    }

    public void RemoveAt(int index) => RemoveRange(index, 1);

    public void RemoveRange(int index, int count)
    {
        if (index < 0 || count < 0 || index + count > _count)
        {
            ThrowIndexOutOfRange(index);
        }

        if (count == 0)
        {
            return;
        }

        Array.Copy(_items!, index + count, _items!, index, _count - index - count);
        Truncate(_count - count);
    }

    /// <summary>Keeps the first <paramref name="count"/> items.</summary>
    public void Truncate(int count)
    {
        if (count < _count && RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_items!, count, _count - count);
        }

        _count = count;
    }

    public void Clear() => Truncate(0);

    private void Grow() => Array.Resize(ref _items, Math.Max(1, (_items?.Length ?? 0) * 2));

    private static void ThrowIndexOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "Index is outside the list.");
}
