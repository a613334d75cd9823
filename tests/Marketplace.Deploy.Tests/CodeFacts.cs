using System.Text.Json;
using System.Text.RegularExpressions;

namespace Marketplace.Deploy.Tests;

/// <summary>Where the code, the contract document and the scripts say each app lives, listens and keeps its data.</summary>
internal static partial class CodeFacts
{
    /// <summary>docs/internal-api.md's table: app id → (port, database or "–").</summary>
    public static IReadOnlyDictionary<string, (int Port, string Database)> ContractTable { get; } =
        File.ReadLines(Repo.Path("docs", "internal-api.md"))
            .Select(line => ContractRow().Match(line)).Where(match => match.Success)
            .ToDictionary(match => match.Groups[1].Value, match => (int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value));

    public static IReadOnlyList<string> ServiceDirectories { get; } = Directory.GetDirectories(Repo.Path("services"))
        .Select(directory => $"services/{Path.GetFileName(directory)}")
        .Where(directory => directory != "services/BuildingBlocks")
        .ToList();

    public static string? Database(string appId) => ContractTable.TryGetValue(appId, out var row) && row.Database != "–" ? row.Database : null;

    /// <summary>scripts/common.sh's associative arrays (SERVICE_PORT, SERVICE_DIR, SERVICE_DB).</summary>
    public static IReadOnlyDictionary<string, string> ScriptTable(string name) =>
        ScriptEntry().Matches(File.ReadLines(Repo.Path("scripts", "common.sh")).Single(line => line.StartsWith($"declare -A {name}=(", StringComparison.Ordinal)))
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);

    public static IReadOnlyList<string> ScriptServices() =>
        File.ReadLines(Repo.Path("scripts", "common.sh")).Single(line => line.StartsWith("SERVICES=(", StringComparison.Ordinal))[10..^1].Split(' ');

    public static IEnumerable<string> Problems(DaprApp app)
    {
        var project = Repo.Path(app.Directory, app.ProjectName + ".csproj");
        if (!File.Exists(project) || !app.Command.Contains(app.ProjectName + ".csproj"))
        {
            yield return $"dapr.yaml runs {string.Join(' ', app.Command)}, but the project is {Path.GetRelativePath(Repo.Root, project)}";
        }

        var program = File.ReadAllText(Repo.Path(app.Directory, "Program.cs"));
        var declared = ServiceDefaultsCall().Match(program) is { Success: true } call ? call.Groups[1].Value : PlaceholderAppId().Match(program).Groups[1].Value;
        if (declared != app.AppId)
        {
            yield return $"{app.Directory}/Program.cs declares app id '{declared}'";
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Repo.Path(app.Directory, "appsettings.json")));
        if (!settings.RootElement.TryGetProperty("Urls", out var urls) || !urls.GetString()!.EndsWith($":{app.Port}", StringComparison.Ordinal))
        {
            yield return $"{app.Directory}/appsettings.json does not listen on port {app.Port}";
        }

        if (!ContractTable.TryGetValue(app.AppId, out var row) || row.Port != app.Port)
        {
            yield return $"docs/internal-api.md gives port {row.Port}";
        }

        var scriptPort = ScriptTable("SERVICE_PORT").GetValueOrDefault(app.AppId);
        var scriptDirectory = ScriptTable("SERVICE_DIR").GetValueOrDefault(app.AppId);
        var scriptDatabase = ScriptTable("SERVICE_DB").GetValueOrDefault(app.AppId);
        if (scriptPort != app.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) || $"services/{scriptDirectory}" != app.Directory || scriptDatabase != Database(app.AppId))
        {
            yield return $"scripts/common.sh has port {scriptPort}, directory {scriptDirectory}, database {scriptDatabase}";
        }

        var store = DaprResources.In("components", "Component").SingleOrDefault(component => component.Name == app.SecretStore);
        if (store is null || !store.Node.Strings("scopes").SequenceEqual([app.AppId]))
        {
            yield return $"components/ has no secret store '{app.SecretStore}' scoped to the app alone";
        }
    }

    [GeneratedRegex(@"^\| (\w+) \| (\d+) \| (\S+) \|$")]
    private static partial Regex ContractRow();

    [GeneratedRegex(@"\[(\w+)\]=(\w+)")]
    private static partial Regex ScriptEntry();

    [GeneratedRegex(@"AddServiceDefaults\(""([^""]+)""\)")]
    private static partial Regex ServiceDefaultsCall();

    /// <summary>A service not written yet has a placeholder Program.cs that names its app id in a comment.</summary>
    [GeneratedRegex(@"^// app id: (\S+)")]
    private static partial Regex PlaceholderAppId();
}
