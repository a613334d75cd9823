namespace Marketplace.Deploy.Tests;

/// <summary>One app of dapr.yaml: the source of truth the other deployment files are checked against.</summary>
internal sealed record DaprApp(string AppId, string Directory, int Port, string SecretStore, IReadOnlyList<string> Command)
{
    /// <summary>The service project's name, e.g. Marketplace.Auth for services/Auth.</summary>
    public string ProjectName => $"Marketplace.{Path.GetFileName(Directory)}";
}

/// <summary>The multi-app run file at the repository root.</summary>
internal static class DaprRunFile
{
    public static IReadOnlyList<DaprApp> Apps { get; } = Load();

    public static IReadOnlyList<string> AppIds { get; } = Apps.Select(app => app.AppId).ToList();

    public static DaprApp App(string appId) => Apps.Single(app => app.AppId == appId);

    private static List<DaprApp> Load()
    {
        var root = Yaml.LoadFile(Repo.Path("dapr.yaml")).Single();
        return root.Items("apps").Select(app => new DaprApp(
            app.Text("appID") ?? throw new InvalidDataException("dapr.yaml: an app has no appID."),
            (app.Text("appDirPath") ?? string.Empty).Replace("./", string.Empty, StringComparison.Ordinal),
            int.Parse(app.Text("appPort") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            app.Text("env", "Marketplace__SecretStore") ?? string.Empty,
            app.Strings("command"))).ToList();
    }
}
