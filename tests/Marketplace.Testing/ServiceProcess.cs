using System.Diagnostics;
using System.Text;

namespace Marketplace.Testing;

/// <summary>
/// A built service started as a real child process (<c>dotnet Marketplace.X.dll</c>) on a real port, for tests that
/// kill processes: configuration goes in as environment variables, and it counts as started once
/// <c>/health/ready</c> answers 200.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The service's build output next to the test's: services/{name}/bin/{configuration}/{framework}/Marketplace.{name}.dll.</summary>
    public static string LocateServiceDll(string serviceName)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Marketplace.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Marketplace.sln not found above the test output."),
            "services", serviceName, "bin", configuration, framework, $"Marketplace.{serviceName}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {serviceName} first: {dll} is missing.", dll);
    }

    /// <summary>Starts the service with <paramref name="settings"/> (configuration keys) and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string dllPath, IReadOnlyDictionary<string, string?> settings, int? port = null, TimeSpan? readyTimeout = null)
    {
        var boundPort = port ?? FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{boundPort}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dllPath}.");
        var service = new ServiceProcess(process, boundPort);
        process.OutputDataReceived += (_, line) => service.Append(line.Data);
        process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(120));
        return service;
    }

    /// <summary>Kills the process and everything it started, the way kill -9 would, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself (a crash hook, a fatal error); false when it is still running at the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            await Task.Delay(100);
        }

        await KillAsync();
        throw new TimeoutException($"The service was not ready within {timeout}:\n{Output}");
    }
}
