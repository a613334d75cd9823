using System.Globalization;

namespace Marketplace.Bench.LoadGenerator;

/// <summary><c>command --name value ...</c>; every option has a value.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("Usage: <command> [--option value ...]");
        }

        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--option value' at '{args[i]}'.");
            }

            line._options[args[i][2..]] = args[i + 1];
        }

        return line;
    }

    public string Text(string name) =>
        _options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public string Text(string name, string defaultValue) => _options.GetValueOrDefault(name, defaultValue);

    public int Whole(string name, int defaultValue) =>
        _options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : defaultValue;

    public double Number(string name, double defaultValue) =>
        _options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : defaultValue;

    /// <summary>A space- or comma-separated list.</summary>
    public IReadOnlyList<string> List(string name) =>
        _options.TryGetValue(name, out var value)
            ? value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
