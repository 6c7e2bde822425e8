using Irony.Parsing;

namespace KjTest.Dsl.Text;

/// <summary>
/// Drops line breaks that end no statement (blank lines, comment-only lines, leading breaks), so
/// the grammar can end every statement with exactly one line break.
/// </summary>
internal sealed class BlankLineFilter : TokenFilter
{
    /// <inheritdoc />
    public override IEnumerable<Token> BeginFiltering(ParsingContext context, IEnumerable<Token> tokens)
    {
        var atLineStart = true;
        foreach (var token in tokens)
        {
            var term = token.Terminal;
            if (term == context.Language.Grammar.NewLine)
            {
                if (atLineStart)
                {
                    continue;
                }

                atLineStart = true;
            }
            else if (term.Category == TokenCategory.Content)
            {
                atLineStart = false;
            }

            yield return token;
        }
    }
}
