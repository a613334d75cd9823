namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>Prepares a document store before the service takes traffic (indexes).</summary>
public interface IDocumentStoreSetup
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
