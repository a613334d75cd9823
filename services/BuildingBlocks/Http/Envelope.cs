using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>The <c>{"success": true, "data": ...}</c> body every successful response carries.</summary>
public sealed record Envelope<T>(
    [property: JsonPropertyOrder(0)] bool Success,
    [property: JsonPropertyOrder(2)] T Data,
    [property: JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

public sealed record Pagination(int Page, int Limit, long Total, int TotalPages)
{
    /// <summary>The deepest page a list serves: any catalog's end, and low enough that (page - 1) × limit fits an int.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>The most items a page may hold.</summary>
    public const int MaxLimit = 100;

    public static readonly string PageOutOfRange = $"Page must be 1 to {MaxPage}.";
    public static readonly string LimitOutOfRange = $"Limit must be 1 to {MaxLimit}.";

    public static Pagination Of(int page, int limit, long total) =>
        new(page, limit, total, limit <= 0 ? 0 : (int)((total + limit - 1) / limit));

    /// <summary>A 400 naming <c>page</c> and <c>limit</c> when they are out of range, or null when both are fine.</summary>
    public static ValidationProblem? Refusal(int page, int limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [PageOutOfRange];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [LimitOutOfRange];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>A page of results: <c>{"success": true, "data": [...], "pagination": {...}}</c>.</summary>
public sealed record PagedEnvelope<T>(bool Success, IReadOnlyList<T> Data, Pagination Pagination);

public static class Envelope
{
    public static Envelope<T> Of<T>(T data, string? message = null) => new(true, data, message);

    public static PagedEnvelope<T> Page<T>(IReadOnlyList<T> data, Pagination pagination) => new(true, data, pagination);
}
