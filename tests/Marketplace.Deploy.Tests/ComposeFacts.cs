using System.Text.Json;

namespace Marketplace.Deploy.Tests;

/// <summary>How docker-compose.yml (and its local-mode override) runs each app.</summary>
internal static class ComposeFacts
{
    public static IEnumerable<string> Apps => Compose.Services.Where(service => service.Value.Get("build") is not null).Select(service => service.Key);

    public static IEnumerable<string> Sidecars => Compose.Services.Keys.Where(name => name.EndsWith("-dapr", StringComparison.Ordinal));

    public static IEnumerable<string> Problems(DaprApp app)
    {
        if (!Compose.Services.TryGetValue(app.AppId, out var service) || !Compose.Services.TryGetValue($"{app.AppId}-dapr", out var sidecar))
        {
            yield return "docker-compose.yml has no such service with a -dapr sidecar";
            yield break;
        }

        if (service.Text("build", "dockerfile") != "services/Dockerfile" || service.Text("build", "args", "SERVICE") != Path.GetFileName(app.Directory)
            || service.Text("build", "args", "PORT") != $"{app.Port}")
        {
            yield return $"compose builds {service.Text("build", "dockerfile")} with SERVICE={service.Text("build", "args", "SERVICE")} and PORT={service.Text("build", "args", "PORT")}";
        }

        var flags = Flags(sidecar.Strings("command"));
        if (flags.GetValueOrDefault("--app-id") != app.AppId || flags.GetValueOrDefault("--app-port") != $"{app.Port}"
            || flags.GetValueOrDefault("--dapr-http-port") != service.Text("environment", "DAPR_HTTP_PORT")
            || sidecar.Text("network_mode") != $"service:{app.AppId}")
        {
            yield return "the sidecar's --app-id, --app-port, --dapr-http-port or network_mode does not match the app";
        }

        var secretsFile = Repo.Path("deploy", "compose", "secrets", $"{app.AppId}.json");
        var mounted = sidecar.Items("secrets").Where(secret => secret.Text("target") == "dapr-secrets.json").Select(secret => secret.Text("source")).ToList();
        if (mounted.Count != 1 || ComposeSecretFile(mounted[0]!) != secretsFile)
        {
            yield return $"the sidecar does not serve {Path.GetRelativePath(Repo.Root, secretsFile)} as dapr-secrets.json";
        }

        if (DatabaseIn(secretsFile) != CodeFacts.Database(app.AppId))
        {
            yield return $"{Path.GetFileName(secretsFile)} points at database '{DatabaseIn(secretsFile)}'";
        }

        if (CodeFacts.Database(app.AppId) is { } database && !InitializedDatabases.Value.Contains(database))
        {
            yield return $"deploy/compose/init-databases.sh does not create {database}";
        }

        var localUrl = Yaml.LoadFile(Repo.Path(Compose.LocalModeFile)).Single().Text("x-local-env", $"Marketplace__Services__{app.AppId}");
        if (app.AppId != "gateway" && localUrl != $"http://{app.AppId}:{app.Port}")
        {
            yield return $"{Compose.LocalModeFile} reaches it at {localUrl}";
        }
    }

    /// <summary>The databases deploy/compose/init-databases.sh creates (its <c>for db in ...; do</c> list).</summary>
    private static readonly Lazy<string[]> InitializedDatabases = new(() =>
        File.ReadLines(Repo.Path("deploy", "compose", "init-databases.sh")).Single(line => line.StartsWith("for db in ", StringComparison.Ordinal))["for db in ".Length..^"; do".Length].Split(' '));

    /// <summary>The database named in a secrets file's <c>ConnectionStrings:Database</c>, if any.</summary>
    public static string? DatabaseIn(string secretsFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(secretsFile));
        return json.RootElement.TryGetProperty("ConnectionStrings", out var strings) && strings.TryGetProperty("Database", out var database)
            ? DatabaseName(database.GetString()!)
            : null;
    }

    public static string? DatabaseName(string connectionString) =>
        connectionString.Split(';').Select(part => part.Split('=', 2)).Where(pair => pair[0].Trim() == "Database").Select(pair => pair[1]).FirstOrDefault();

    private static string? ComposeSecretFile(string name) => Compose.Secrets.GetValueOrDefault(name).Text("file");

    private static Dictionary<string, string> Flags(IReadOnlyList<string> command) =>
        Enumerable.Range(0, command.Count / 2).ToDictionary(index => command[index * 2], index => command[(index * 2) + 1]);
}
