namespace Marketplace.Orders.Domain;

public sealed class ShippingAddress
{
    public const int MaxStreetLength = 255;
    public const int MaxCityLength = 100;
    public const int MaxZipLength = 20;
    public const int MaxCountryLength = 100;

    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public required string Street { get; set; }
    public required string City { get; set; }
    public required string Zip { get; set; }
    public required string Country { get; set; }
}
