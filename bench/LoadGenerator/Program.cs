using Marketplace.Bench.LoadGenerator;
using Marketplace.Bench.LoadGenerator.Checks;
using Marketplace.Bench.LoadGenerator.Load;
using Marketplace.Bench.LoadGenerator.Reporting;
using Marketplace.Bench.LoadGenerator.Scenarios;
using Marketplace.Bench.LoadGenerator.Setup;

// The benchmark's load generator and report writer; bench/run.sh calls one command per step.
var line = CommandLine.Parse(args);
var output = line.Text("out", ".");
Directory.CreateDirectory(output);
switch (line.Command)
{
    case "machine":
        BenchReport.Write(output, BenchReport.MachineFile, MachineInfo.Current());
        break;

    case "prepare":
    {
        using var http = new HttpClient();
        var gateway = line.Text("gateway", "http://127.0.0.1:8080");
        var plan = new PreparationPlan(
            line.List("services"), line.Whole("catalog", 10_000), line.Whole("users", 320),
            line.Whole("scarce-sets", 3), line.Whole("scarce-per-set", 10), line.Whole("scarce-stock", 40),
            line.Text("admin-email"), line.Text("admin-password"));
        var state = await new Preparation(http, gateway, Console.WriteLine).RunAsync(plan);
        state.Save(line.Text("state"));
        break;
    }

    case "run":
    {
        var connections = line.Whole("connections", 64);
        var (server, scenario) = Scenario(line, connections);
        Console.WriteLine($"{scenario.Title}: {connections} connections, {line.Number("warmup", 3)} s warm-up, {line.Number("duration", 10)} s measured");
        var result = await ClosedLoop.RunAsync(
            server, scenario, connections, TimeSpan.FromSeconds(line.Number("warmup", 3)), TimeSpan.FromSeconds(line.Number("duration", 10)), line.List("cpu"));
        BenchReport.Write(output, scenario.Name == "floor" ? BenchReport.HttpFloorFile : $"{BenchReport.StepPrefix}{result.StartedAt:HHmmss}-{scenario.Name}.json", result);
        foreach (var operation in result.Operations)
        {
            Console.WriteLine($"  {operation.Name,-16} {operation.RequestsPerSecond,9:0.0} req/s  p50 {operation.P50Ms,7:0.00}  p99 {operation.P99Ms,8:0.00} ms  {operation.Errors} errors  {string.Join(' ', operation.Statuses.Select(s => $"{s.Key}:{s.Value}"))}");
        }

        break;
    }

    case "pgbench":
    {
        var result = await PgBenchResult.RunAsync(line.Text("pgbench", "pgbench"), line.Text("host", "127.0.0.1"), line.Whole("port", 5432), line.Whole("clients", 8), line.Whole("duration", 10));
        Console.WriteLine($"  pgbench -S: {result.TransactionsPerSecond:0} tps, average {result.LatencyAverageMs:0.000} ms");
        BenchReport.Write(output, BenchReport.PgBenchFile, result);
        break;
    }

    case "memory":
        BenchReport.Write(output, line.Text("file"), ServiceMemory.Read(line.List("pids")));
        break;

    case "invariants":
    {
        var checks = await new Invariants(line.Text("pg"), BenchState.Load(line.Text("state"))).CheckAsync(TimeSpan.FromSeconds(line.Whole("settle", 60)));
        foreach (var check in checks)
        {
            Console.WriteLine($"  {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        BenchReport.Write(output, BenchReport.InvariantsFile, checks);
        break;
    }

    case "report":
    {
        var report = BenchReport.Collect(line.Text("in"));
        BenchReport.Write(output, "latest.json", report);
        await File.WriteAllTextAsync(Path.Combine(output, "latest.svg"), LatencyChart.Render([.. new[] { report.HttpFloor }.OfType<RunResult>(), .. report.Steps]));
        var markdown = MarkdownReport.Render(report, "latest.png");
        await File.WriteAllTextAsync(Path.Combine(output, "latest.md"), markdown);
        Console.WriteLine(markdown);
        break;
    }

    default:
        throw new ArgumentException($"Unknown command '{line.Command}'.");
}

/// <summary>The gateway in front of the bare endpoint: how much of the floor the gateway alone leaves.</summary>
const string GatewayFloor = "gateway-floor";

static (Uri Server, IScenario Scenario) Scenario(CommandLine line, int connections)
{
    var name = line.Text("scenario");
    if (name is "floor" or GatewayFloor)
    {
        var url = new Uri(line.Text("url"));
        var title = name == GatewayFloor ? "The bare endpoint through the gateway (the ceiling of a forwarded request)" : "Bare ASP.NET Core hello JSON";
        return (url, new SingleEndpoint(name, title, user => user.SendAsync("hello", BenchRequest.Get(url.PathAndQuery), Expectation.Ok)));
    }

    var shop = new Shop(BenchState.Load(line.Text("state")));
    return (new Uri(shop.State.Gateway), name switch
    {
        Targets.ProductById => new SingleEndpoint(name, "GET /api/products/{id}", user => shop.ViewProductAsync(user, name)),
        Targets.ProductList => new SingleEndpoint(name, "GET /api/products?category&page (20 items)", user => shop.BrowseAsync(user, name)),
        "mix" => new ShopMix(shop, connections),
        "checkout" or CheckoutBuyers.CrashKind =>
            new CheckoutBuyers(shop, shop.State.ContendedSets[line.Whole("set", 0)], connections, servicesCrash: name == CheckoutBuyers.CrashKind),
        _ => throw new ArgumentException($"Unknown scenario '{name}'."),
    });
}
