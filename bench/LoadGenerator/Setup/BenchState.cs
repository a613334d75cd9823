using System.Text.Json;

namespace Marketplace.Bench.LoadGenerator.Setup;

/// <summary>What <c>prepare</c> made and every later step reads: the catalog, the stock it added, the signed-in users.</summary>
public sealed record BenchState(
    string Gateway,
    IReadOnlyList<string> Services,
    IReadOnlyList<Guid> Products,
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyList<BenchUser> Users,
    IReadOnlyList<Guid> Plentiful,
    IReadOnlyList<IReadOnlyList<Guid>> ContendedSets,
    IReadOnlyDictionary<Guid, int> StockAdded)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public bool Runs(string service) => Services.Contains(service);

    public bool HasStock => StockAdded.Count > 0;

    public static BenchState Load(string path) =>
        JsonSerializer.Deserialize<BenchState>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

public sealed record CategoryCount(string Category, int Count);

public sealed record BenchUser(string Email, string Token);
