using System.Collections;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Operations;

/// <summary>
/// The host's log scope provider with this instance's id as the outermost scope of every record (<c>InstanceId</c>): a JSON
/// console log carries it as a property, the simple console prints <c>=&gt; InstanceId:…</c> — so records from several instances
/// behind one balancer can be told apart. Registered as the <see cref="IExternalScopeProvider"/> the logger factory uses.
/// </summary>
public sealed class InstanceLogScope(InstanceIdentity identity) : IExternalScopeProvider
{
    public const string Key = "InstanceId";

    private readonly LoggerExternalScopeProvider _scopes = new();
    private State? _state;

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        callback(_state ??= new State(identity.Id), state);
        _scopes.ForEachScope(callback, state);
    }

    public IDisposable Push(object? state) => _scopes.Push(state);

    /// <summary>One key/value pair, shaped like the scopes of [LoggerMessage] and message templates.</summary>
    private sealed class State(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _pair = new(Key, id);

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? _pair : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return _pair;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{Key}:{_pair.Value}";
    }
}
