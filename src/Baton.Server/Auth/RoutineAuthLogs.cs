using Microsoft.Extensions.Logging;

namespace Baton.Server.Auth;

/// <summary>
/// The logger factory Baton's authentication handler gets: ASP.NET Core's handler base logs every challenge and forbid at
/// Information ("AuthenticationScheme: Baton was challenged"), which for a file server is every unauthenticated probe — noise that
/// buries real events (issue 11 item 6). These routine outcomes are written at Debug instead; everything else passes unchanged,
/// and the category stays the handler's, so <c>Logging:LogLevel</c> still controls it.
/// </summary>
internal sealed class RoutineAuthLogs(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Demoting(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to the host.
    }

    private sealed class Demoting(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Demote(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(Demote(logLevel), eventId, state, exception, formatter);

        private static LogLevel Demote(LogLevel level) => level == LogLevel.Information ? LogLevel.Debug : level;
    }
}
