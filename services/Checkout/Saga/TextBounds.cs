namespace Marketplace.Checkout.Saga;

public static class TextBounds
{
    /// <summary>The text cut to at most <paramref name="maxLength"/> characters, for columns and peer fields with a limit.</summary>
    public static string Bounded(this string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];
}
