namespace Marketplace.Deploy.Tests;

public sealed class DockerfileTests
{
    public static TheoryData<string> AppIds => new(DaprRunFile.AppIds);

    [Theory]
    [MemberData(nameof(AppIds))]
    public void The_image_builds_in_stages_on_configurable_bases_and_runs_unprivileged_with_a_health_check(string appId)
    {
        var app = DaprRunFile.App(appId);
        var lines = File.ReadAllLines(Repo.Path(app.Directory, "Dockerfile")).Select(line => line.Trim()).ToList();
        var firstFrom = lines.FindIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        var stages = lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Contains("ARG SDK_IMAGE", lines.Take(firstFrom).Select(line => line.Split('=')[0]));
        Assert.Contains("ARG RUNTIME_IMAGE", lines.Take(firstFrom).Select(line => line.Split('=')[0]));
        Assert.Equal(["FROM ${SDK_IMAGE} AS build", "FROM ${RUNTIME_IMAGE} AS runtime"], stages);
        var user = Assert.Single(lines, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain(user[5..].Trim(), new[] { "root", "0" });
        Assert.Contains(lines, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("/health/live", StringComparison.Ordinal));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{app.ProjectName}.dll\"]", lines[^1]);
    }
}
