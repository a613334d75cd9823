namespace Marketplace.Inventory.Stock;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>A product that cannot cover a reservation: what was asked and what is available.</summary>
public sealed record StockShortage(Guid ProductId, int Requested, int Available);
