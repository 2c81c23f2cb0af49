using System.Collections;

namespace Dashboard.Emulator.Api;

/// <summary>
/// A read-only list whose items are made from the source's items when they are read, one at a time. A page of ten
/// thousand orders is serialized from it without ever holding ten thousand resources: each one is garbage as soon as it
/// is written, so the collections during the answer find little alive to copy.
/// </summary>
internal sealed class MappedList<TSource, T>(IReadOnlyList<TSource> source, Func<TSource, T> map) : IReadOnlyList<T>
{
    public int Count => source.Count;

    public T this[int index] => map(source[index]);

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var item in source)
        {
            yield return map(item);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
