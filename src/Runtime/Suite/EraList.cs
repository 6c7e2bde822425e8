using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Runtime.Suite;

/// <summary>A list of eras as a user writes it (<c>cur,k30</c> or <c>all</c>), for every door that takes one.</summary>
public static class EraList
{
    /// <summary>
    /// The eras <paramref name="text"/> names, each once, in its order; null with <paramref name="error"/> when a word
    /// is not an era. <paramref name="option"/> names the setting in the error; with <paramref name="many"/> false
    /// the text must name one era.
    /// </summary>
    public static IReadOnlyList<Era>? Parse(string text, string option, bool many, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (many && text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<Era>();
        }

        if (!many && text.Contains(',', StringComparison.Ordinal))
        {
            error = $"{option} takes one era; for several write --eras {text}";
            return null;
        }

        var eras = new List<Era>();
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Words.Eras.TryGetValue(word.ToLowerInvariant(), out var era))
            {
                var hint = Suggestions.DidYouMean(word, Words.Eras.Keys);
                error = $"{option} '{word}' is not an era; write one of {string.Join(", ", Words.Eras.Keys)}{(many ? " or all" : "")}{(hint is null ? "" : $" ({hint})")}";
                return null;
            }

            if (!eras.Contains(era))
            {
                eras.Add(era);
            }
        }

        return eras;
    }
}
