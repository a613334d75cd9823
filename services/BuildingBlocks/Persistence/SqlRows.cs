using Npgsql;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>The small pieces every SQL path repeats: a command from its text and named values, and a result set read into objects.</summary>
public static class SqlRows
{
    public static NpgsqlBatchCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        new NpgsqlBatchCommand(sql).WithParameters(parameters);

    /// <summary>A command whose parameters need their PostgreSQL types spelled out.</summary>
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Adds named values to the command, a null as SQL NULL.</summary>
    public static NpgsqlBatchCommand WithParameters(this NpgsqlBatchCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Every row of the current result set, each turned into an object by <paramref name="map"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlDataReader reader, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A reader of <paramref name="count"/> result sets in a row (one per statement of a batch), each read with <paramref name="read"/>.</summary>
    public static Func<NpgsqlDataReader, CancellationToken, Task<List<T>>> EachResult<T>(int count, Func<NpgsqlDataReader, CancellationToken, Task<T>> read) =>
        async (reader, cancellationToken) =>
        {
            var results = new List<T>(count);
            for (var index = 0; index < count; index++)
            {
                if (index > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                results.Add(await read(reader, cancellationToken));
            }

            return results;
        };

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableDateTimeOffset(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
