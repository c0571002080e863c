namespace Baton.Server.Hosting;

/// <summary>Large blocks handed out now by the <see cref="LargeBlockMemoryPool"/>s of one server, which bound them together.</summary>
public sealed class LargeBlockCount
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    /// <summary>Counts one more in; the count including it.</summary>
    public int Add() => Interlocked.Increment(ref _value);

    public void Remove() => Interlocked.Decrement(ref _value);
}
