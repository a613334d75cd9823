using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>docker-compose.yml as docker-compose itself resolves it (anchors merged, paths absolute).</summary>
internal static class Compose
{
    public const string File = "docker-compose.yml";
    public const string LocalModeFile = "deploy/compose/local.yml";

    private static readonly Lazy<YamlMappingNode> ResolvedFile = new(() =>
    {
        var result = Run([File], "config");
        Assert.True(result.ExitCode == 0, $"docker-compose config failed:\n{result.Error}");
        return Yaml.Load(result.Output).Single();
    });

    public static IReadOnlyDictionary<string, YamlNode> Services => ResolvedFile.Value.Entries("services");

    public static IReadOnlyDictionary<string, YamlNode> Secrets => ResolvedFile.Value.Entries("secrets");

    public static ProcessResult Run(string[] files, params string[] arguments) =>
        Tools.Run(Tools.Require("docker-compose"), [.. files.SelectMany(file => new[] { "-f", file }), .. arguments]);
}
