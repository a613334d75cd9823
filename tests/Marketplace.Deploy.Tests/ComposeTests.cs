using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

public sealed partial class ComposeTests
{
    /// <summary>Dapr mode, local mode, and local mode on locally built images (deploy/compose-local-e2e.sh).</summary>
    public static TheoryData<string[]> FileSets => new([Compose.File], [Compose.File, Compose.LocalModeFile], [Compose.File, Compose.LocalModeFile, "deploy/e2e/compose.yml"]);

    [Theory]
    [MemberData(nameof(FileSets))]
    public void Docker_compose_accepts_the_files(string[] files)
    {
        var result = Compose.Run(files, "config", "-q");
        Assert.True(result.ExitCode == 0, $"docker-compose config -q rejected {string.Join(" + ", files)}:\n{result.Error}");
    }

    [Fact]
    public void Only_the_gateway_is_published_and_on_port_8080()
    {
        var published = Compose.Services.Where(service => service.Value.Get("ports") is not null).ToList();
        var gateway = Assert.Single(published);
        Assert.Equal("gateway", gateway.Key);
        Assert.Equal("8080", Assert.Single(gateway.Value.Items("ports")).Text("published"));
    }

    [Theory]
    [MemberData(nameof(FileSets))]
    public void No_secret_is_written_into_a_compose_file(string[] files)
    {
        foreach (var file in files)
        {
            var inline = Yaml.LoadFile(Repo.Path(file)).SelectMany(EnvironmentKeys).Where(key => SecretName().IsMatch(key)).ToList();
            Assert.True(inline.Count == 0, $"{file} sets secrets inline: {string.Join(", ", inline)}");
        }

        var secretFiles = Yaml.Load(Compose.Run(files, "config").Output).Single().Entries("secrets").Values.Select(secret => secret.Text("file")!).ToList();
        Assert.NotEmpty(secretFiles);
        Assert.All(secretFiles, path => Assert.True(File.Exists(path), $"Secret file {path} does not exist."));
    }

    private static IEnumerable<string> EnvironmentKeys(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(entry =>
            (entry.Key as YamlScalarNode)?.Value == "environment" ? entry.Value.Entries().Keys.Concat(EnvironmentKeys(entry.Value)) : EnvironmentKeys(entry.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(EnvironmentKeys),
        _ => [],
    };

    /// <summary>Names of settings that hold secrets; <c>*_FILE</c> settings name a file instead.</summary>
    [GeneratedRegex("^(?!.*_FILE$).*(password|token|secret|signingkey|connectionstrings__(?!redis))", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
