using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Marketplace.Deploy.Tests;

/// <summary>Finds and runs the external tools the checks need (installed by deploy/validate/install-prereqs.sh).</summary>
internal static partial class Tools
{
    public const string InstallHint = "Run deploy/validate/install-prereqs.sh to install it.";

    private static readonly Lazy<string> KubectlPath = new(FindKubectl);

    /// <summary>kubectl with kustomize v4+: $MARKETPLACE_KUBECTL, deploy/validate/.tools/bin/kubectl, then PATH.</summary>
    public static string Kubectl => KubectlPath.Value;

    public static string Require(string name) =>
        FindOnPath(name) ?? throw new InvalidOperationException($"'{name}' was not found on PATH. {InstallHint}");

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time.");
        }

        return new ProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Renders a kustomization directory (relative to the repository root).</summary>
    public static string Kustomize(string directory)
    {
        var result = Run(Kubectl, ["kustomize", Repo.Path(directory)]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed:\n{result.Error}");
        Assert.False(string.IsNullOrWhiteSpace(result.Output), $"kubectl kustomize {directory} produced nothing.");
        return result.Output;
    }

    private static string FindKubectl()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("MARKETPLACE_KUBECTL"),
            Repo.Path("deploy", "validate", ".tools", "bin", "kubectl"),
            FindOnPath("kubectl"),
        ];
        foreach (var candidate in candidates)
        {
            if (candidate is not null && File.Exists(candidate) && KustomizeMajorVersion(candidate) >= 4)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No kubectl with kustomize v4 or newer was found. {InstallHint}");
    }

    private static int KustomizeMajorVersion(string kubectl)
    {
        try
        {
            var result = Run(kubectl, ["version", "--client"], timeout: TimeSpan.FromSeconds(30));
            var match = KustomizeVersion().Match(result.Output);
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"Kustomize Version: v(\d+)")]
    private static partial Regex KustomizeVersion();
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error);
