namespace Marketplace.Deploy.Tests;

public sealed class DockerfileTests
{
    private static readonly List<string> Lines = File.ReadAllLines(Repo.Path("services", "Dockerfile")).Select(line => line.Trim()).ToList();

    [Fact]
    public void The_image_builds_in_stages_on_configurable_bases_and_runs_unprivileged_with_a_health_check()
    {
        var firstFrom = Lines.FindIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        var stages = Lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Contains("ARG SDK_IMAGE", Lines.Take(firstFrom).Select(line => line.Split('=')[0]));
        Assert.Contains("ARG RUNTIME_IMAGE", Lines.Take(firstFrom).Select(line => line.Split('=')[0]));
        Assert.Equal(["FROM ${SDK_IMAGE} AS build", "FROM ${RUNTIME_IMAGE} AS runtime"], stages);
        var user = Assert.Single(Lines, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain(user[5..].Trim(), new[] { "root", "0" });
        Assert.Contains(Lines, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("/dev/tcp/127.0.0.1/$SERVICE_PORT", StringComparison.Ordinal) && line.Contains("/health/live", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec dotnet \\\"$SERVICE_ASSEMBLY\\\"\"]", Lines[^1]);
    }

    [Fact]
    public void The_service_and_its_port_are_build_arguments_that_name_the_project_the_assembly_and_the_listening_address()
    {
        var runtimeStage = Lines.Skip(Lines.IndexOf("FROM ${RUNTIME_IMAGE} AS runtime")).ToList();

        Assert.Contains("COPY services/${SERVICE}/Marketplace.${SERVICE}.csproj services/${SERVICE}/", Lines);
        Assert.Contains(Lines, line => line.StartsWith("RUN dotnet publish \"services/$SERVICE/Marketplace.$SERVICE.csproj\"", StringComparison.Ordinal));
        Assert.Contains("ARG SERVICE", runtimeStage);
        Assert.Contains("ARG PORT", runtimeStage);
        Assert.Contains("ENV SERVICE_ASSEMBLY=Marketplace.${SERVICE}.dll SERVICE_PORT=${PORT} Urls=http://0.0.0.0:${PORT}", runtimeStage);
        Assert.Contains("EXPOSE ${PORT}", runtimeStage);
    }

    [Fact]
    public void The_build_takes_the_runtime_settings_the_services_share()
    {
        // Without it an image would run with the framework defaults (server garbage collector, tiered compilation).
        Assert.True(File.Exists(Repo.Path("services", "Directory.Build.targets")));
        Assert.Contains("COPY services/Directory.Build.targets services/", Lines);
    }
}
