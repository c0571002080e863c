using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>The index of a backend that keeps none: nothing is ever found, so no upload completes instantly or is deduplicated.</summary>
public sealed class NoContentIndex : IContentIndex
{
    public static NoContentIndex Instance { get; } = new();

    public Task AddAsync(ContentKey content, RelativePath name, CancellationToken cancellation) => Task.CompletedTask;

    public Task<IReadOnlyList<RelativePath>> NamesAsync(ContentKey content, int limit, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RelativePath>>([]);

    public Task RemoveAsync(ContentKey content, RelativePath name, CancellationToken cancellation) => Task.CompletedTask;
}
