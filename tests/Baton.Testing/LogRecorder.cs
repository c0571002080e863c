using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// A logger provider that keeps every record a test server writes, so a test can assert what was (not) logged and wait for a
/// record instead of sleeping: the ASP.NET Core host logs "Request finished" (category Microsoft.AspNetCore.Hosting.Diagnostics,
/// event 2) after a request's pipeline returned, a real point to synchronise on.
/// </summary>
public sealed class LogRecorder : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    private readonly ConcurrentQueue<Record> _records = new();
    private readonly List<(Func<Record, bool> Match, TaskCompletionSource<Record> Done)> _waiters = [];

    /// <param name="Scope">The key/value pairs of the record's scopes (outermost first; a later key wins), as the host's scope
    /// provider gave them.</param>
    public sealed record Record(string Category, LogLevel Level, EventId EventId, string Message,
        IReadOnlyDictionary<string, object?>? Scope = null);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private Dictionary<string, object?> CurrentScope()
    {
        var pairs = new Dictionary<string, object?>(StringComparer.Ordinal);
        _scopes?.ForEachScope((scope, all) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    all[key] = value;
                }
            }
        }, pairs);
        return pairs;
    }

    public IReadOnlyList<Record> Records => _records.ToArray();

    /// <summary>Completes with the first record (past or future) <paramref name="match"/> accepts.</summary>
    public Task<Record> WaitForAsync(Func<Record, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<Record>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_records.FirstOrDefault(match) is { } seen)
            {
                return Task.FromResult(seen);
            }
            _waiters.Add((match, done));
        }
        return done.Task.WaitAsync(timeout);
    }

    /// <summary>Waits until <paramref name="count"/> requests have finished, as the host reports them.</summary>
    public async Task WaitForFinishedRequestsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (FinishedRequests < count)
        {
            await WaitForAsync(r => IsRequestFinished(r) && FinishedRequests >= count, timeout).WaitAsync(cts.Token);
        }
    }

    public int FinishedRequests => _records.Count(IsRequestFinished);

    private static bool IsRequestFinished(Record r) =>
        r.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && r.EventId.Id == 2;

    private void Add(Record record)
    {
        lock (_waiters)
        {
            _records.Enqueue(record);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(record))
                {
                    _waiters[i].Done.TrySetResult(record);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Add(new Record(category, logLevel, eventId, formatter(state, exception), recorder.CurrentScope()));
    }
}
