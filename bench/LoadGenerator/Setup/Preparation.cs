using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Scenarios;

namespace Marketplace.Bench.LoadGenerator.Setup;

/// <summary>
/// Gets the system ready through the gateway, as a shop's admin and customers would: reads the catalog, stocks every
/// product (a few scarce ones per checkout step, the rest plentiful), registers and signs in the buyers.
/// </summary>
public sealed class Preparation(HttpClient http, string gateway, Action<string> log)
{
    private const int Parallelism = 16;
    private const int PlentifulStock = 1_000_000;
    private const string Password = "Bench-password-2026";

    // A few products with a few units each, raced for and sold out in the warm-up: a refused checkout, its
    // compensation, a cart refusing a sold-out product and the events between them then run before any measured step.
    private const int WarmUpScarceProducts = 2;
    private const int WarmUpScarceStock = 4;
    private const int WarmUpRaceRounds = 4;

    public async Task<BenchState> RunAsync(PreparationPlan plan)
    {
        var products = await CatalogAsync(plan.CatalogSize);
        var categories = await CategoriesAsync();
        log($"Catalog: {products.Count} products in {categories.Count} categories");

        var scarce = Enumerable.Range(0, plan.ScarceSets)
            .Select(set => (IReadOnlyList<Guid>)products.Skip(products.Count - (set + 1) * plan.ScarcePerSet).Take(plan.ScarcePerSet).ToList())
            .ToList();
        var plentifulCount = products.Count - plan.ScarceSets * plan.ScarcePerSet - WarmUpScarceProducts;
        var plentiful = products.Take(plentifulCount).ToList();
        var warmUpScarce = products.Skip(plentifulCount).Take(WarmUpScarceProducts).ToList();
        var stock = new Dictionary<Guid, int>();
        if (plan.Services.Contains("inventory"))
        {
            var admin = await SignInAsync(plan.AdminEmail, plan.AdminPassword);
            stock = plentiful.ToDictionary(id => id, _ => PlentifulStock);
            foreach (var id in scarce.SelectMany(set => set))
            {
                stock[id] = plan.ScarceStock;
            }

            foreach (var id in warmUpScarce)
            {
                stock[id] = WarmUpScarceStock;
            }

            await ForEachAsync(stock, async (item, ct) => await AddStockAsync(admin, item.Key, item.Value, ct));
            log($"Stock: {stock.Count} products ({plan.ScarceSets} sets of {plan.ScarcePerSet} with {plan.ScarceStock} units each)");
        }

        var users = new BenchUser[plan.Users];
        await ForEachAsync(Enumerable.Range(0, plan.Users), async (i, ct) => users[i] = await RegisterAsync(i, ct));
        log($"Users: {users.Length} signed in");
        var state = new BenchState(gateway, plan.Services, products, categories, users, plentiful, scarce, stock);
        await WarmUpAsync(state, warmUpScarce);
        return state;
    }

    /// <summary>
    /// A few rounds of every request kind, so that first-call costs (JIT, EF Core query compilation, connection pools,
    /// token keys) are paid here and not inside a measured window; then, where checkout runs, a few rounds of buyers
    /// racing for <paramref name="scarce"/>, which sells out.
    /// </summary>
    private async Task WarmUpAsync(BenchState state, IReadOnlyList<Guid> scarce)
    {
        var shop = new Shop(state);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var checksOut = state.Runs("checkout") && state.HasStock;
        var race = new Measurements();
        race.Start();
        var tasks = Enumerable.Range(0, Math.Min(Parallelism, state.Users.Count)).Select(async index =>
        {
            using var connection = new HttpConnection(new Uri(gateway));
            var user = new VirtualUser(index, connection, new Measurements());
            var buyer = state.Users[index];
            for (var round = 0; round < 3; round++)
            {
                statuses.Add(await shop.BrowseAsync(user));
                statuses.Add(await shop.ViewProductAsync(user));
                if (state.Runs("orders"))
                {
                    statuses.Add(await shop.ViewCartAsync(user, buyer));
                    statuses.Add(await shop.AddToCartAsync(user, buyer, shop.AnyPlentiful(user)));
                    statuses.Add(checksOut ? await shop.CheckoutAsync(user, buyer) : await shop.ClearCartAsync(user, buyer));
                }
            }

            if (checksOut)
            {
                var racer = new VirtualUser(index, connection, race);
                var buyers = new CheckoutBuyers(shop, scarce, Parallelism);
                for (var round = 0; round < WarmUpRaceRounds; round++)
                {
                    await buyers.StepAsync(racer);
                }
            }
        });
        await Task.WhenAll(tasks);
        log($"Warm-up: {statuses.Count} requests, statuses {string.Join(' ', statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}");
        if (checksOut)
        {
            var operations = race.Results(race.Stop()).Operations
                .Select(o => $"{o.Name} {string.Join(' ', o.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Value}"))}");
            log($"Warm-up race for {scarce.Count} scarce products: {string.Join(", ", operations)}");
        }
    }

    private async Task<List<Guid>> CatalogAsync(int expected)
    {
        const int pageSize = 100;
        var first = await GetJsonAsync($"/api/products?limit={pageSize}&page=1&sort=createdAt");
        var total = first["pagination"]!["total"]!.GetValue<int>();
        if (total < expected)
        {
            throw new InvalidOperationException($"The catalog holds {total} products; the benchmark needs {expected}.");
        }

        var pages = new JsonNode[(total + pageSize - 1) / pageSize];
        pages[0] = first;
        await ForEachAsync(Enumerable.Range(2, pages.Length - 1), async (page, _) =>
            pages[page - 1] = await GetJsonAsync($"/api/products?limit={pageSize}&page={page.ToString(CultureInfo.InvariantCulture)}&sort=createdAt"));
        return pages.SelectMany(page => page["data"]!.AsArray()).Select(p => Guid.Parse(p!["id"]!.GetValue<string>())).Distinct().ToList();
    }

    private async Task<List<CategoryCount>> CategoriesAsync()
    {
        var body = await GetJsonAsync("/api/products/categories");
        return body["data"]!.AsArray()
            .Select(c => new CategoryCount(c!["category"]!.GetValue<string>(), c["count"]!.GetValue<int>()))
            .ToList();
    }

    private async Task AddStockAsync(string adminToken, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{gateway}/api/inventory/add")
        {
            Content = JsonContent.Create(new { productId, quantity, lowStockThreshold = 0 }),
        };
        request.Headers.Authorization = new("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"stocking {productId}");
    }

    private async Task<BenchUser> RegisterAsync(int index, CancellationToken cancellationToken)
    {
        var email = $"buyer{index.ToString(CultureInfo.InvariantCulture)}@bench.marketplace.example";
        using var response = await http.PostAsJsonAsync(
            $"{gateway}/api/auth/register", new { name = $"Buyer {index}", email, password = Password, role = "customer" }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureAsync(response, $"registering {email}");
        }

        return new BenchUser(email, await SignInAsync(email, Password));
    }

    private async Task<string> SignInAsync(string email, string password)
    {
        using var response = await http.PostAsJsonAsync($"{gateway}/api/auth/login", new { email, password });
        await EnsureAsync(response, $"signing in {email}");
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        return body!["token"]!.GetValue<string>();
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(gateway + path);
        await EnsureAsync(response, "GET " + path);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
        }
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, body);
}

public sealed record PreparationPlan(
    IReadOnlyList<string> Services,
    int CatalogSize,
    int Users,
    int ScarceSets,
    int ScarcePerSet,
    int ScarceStock,
    string AdminEmail,
    string AdminPassword);
