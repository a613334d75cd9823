using System.Text;

namespace Marketplace.Products.Domain;

/// <summary>
/// The words search works on, the same for both backends: runs of letters and digits, lower-cased.
/// A query matches a product when every query word is the start of a word of its name or description.
/// </summary>
public static class SearchTerms
{
    public const int MaxQueryTerms = 10;

    public static IReadOnlyList<string> Of(string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var character in text.Append(' '))
        {
            if (char.IsLetterOrDigit(character))
            {
                word.Append(char.ToLowerInvariant(character));
                continue;
            }

            if (word.Length > 0 && seen.Add(word.ToString()))
            {
                terms.Add(word.ToString());
            }

            word.Clear();
        }

        return terms;
    }

    public static IReadOnlyList<string> OfProduct(string name, string description) => Of(name + " " + description);
}
