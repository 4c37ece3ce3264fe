namespace MediaEdge.Origins;

/// <summary>
/// An origin that can list its objects by key prefix (a folder, a blob container, a bucket), for the admin playground's
/// key picker. Optional: an origin without it (Http) has no listing, and a caller asks for a key by name instead.
/// </summary>
public interface IListableOrigin
{
    /// <summary>The most listings a call returns, whatever the caller asks.</summary>
    const int MaxLimit = 1000;

    /// <summary>Up to <paramref name="limit"/> objects whose keys start with <paramref name="prefix"/> (empty for all), ordered by key.</summary>
    Task<IReadOnlyList<OriginListing>> ListAsync(string prefix, int limit, CancellationToken cancellationToken);
}
