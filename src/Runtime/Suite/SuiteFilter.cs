using System.Text.RegularExpressions;

namespace KjTest.Runtime.Suite;

/// <summary>
/// A <c>--filter</c> expression, as pytest and <c>dotnet test</c> users write them: a plain word is a substring (or,
/// with <c>*</c> and <c>?</c>, a glob) of the scenario's name; otherwise a boolean expression of comparisons
/// <c>name</c>, <c>tag</c>, <c>era</c>, <c>arch</c> or <c>file</c> <c>=</c> or <c>!=</c> a value (a glob), joined by
/// <c>&amp;</c>, <c>|</c> and <c>!</c> with parentheses: <c>tag=smoke &amp; era!=k27</c>.
/// </summary>
public sealed class SuiteFilter
{
    private const int MaxDepth = 64;
    private const int MaxLength = 4096;
    private static readonly string[] Fields = ["name", "tag", "era", "arch", "file"];
    private readonly Func<SuiteFacts, bool> _test;

    private SuiteFilter(string text, Func<SuiteFacts, bool> test)
    {
        Text = text;
        _test = test;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Whether a scenario with <paramref name="facts"/> is selected.</summary>
    public bool Matches(SuiteFacts facts) => _test(facts);

    /// <summary>Parses <paramref name="text"/>; null and an error message when it is not an expression.</summary>
    public static SuiteFilter? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text.Length > MaxLength)
        {
            error = $"--filter is {text.Length} characters long; at most {MaxLength} are read";
            return null;
        }

        if (text.IndexOfAny(['=', '&', '|', '(', ')', '!']) < 0)
        {
            var pattern = Glob(text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal) ? text : "*" + text + "*");
            return new SuiteFilter(text, f => pattern.IsMatch(f.Name));
        }

        var parser = new Parser(text);
        try
        {
            var test = parser.Or(0);
            parser.End();
            return new SuiteFilter(text, test);
        }
        catch (FormatException ex)
        {
            error = $"--filter '{text}': {ex.Message}";
            return null;
        }
    }

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private sealed class Parser(string text)
    {
        private int _at;

        public Func<SuiteFacts, bool> Or(int depth)
        {
            var left = And(depth);
            while (Eat('|'))
            {
                var l = left;
                var r = And(depth);
                left = f => l(f) || r(f);
            }

            return left;
        }

        public void End()
        {
            Skip();
            if (_at < text.Length)
            {
                throw new FormatException($"unexpected '{text[_at]}' at column {_at + 1}");
            }
        }

        private Func<SuiteFacts, bool> And(int depth)
        {
            var left = Not(depth);
            while (Eat('&'))
            {
                var l = left;
                var r = Not(depth);
                left = f => l(f) && r(f);
            }

            return left;
        }

        private Func<SuiteFacts, bool> Not(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatException($"nested more than {MaxDepth} deep");
            }

            if (Peek('!') && !(_at + 1 < text.Length && text[_at + 1] == '='))
            {
                Eat('!');
                var inner = Not(depth + 1);
                return f => !inner(f);
            }

            if (Eat('('))
            {
                var inner = Or(depth + 1);
                if (!Eat(')'))
                {
                    throw new FormatException($"missing ')' at column {_at + 1}");
                }

                return inner;
            }

            return Comparison();
        }

        private Func<SuiteFacts, bool> Comparison()
        {
            var field = Word();
            if (!Fields.Contains(field, StringComparer.Ordinal))
            {
                throw new FormatException($"unknown field '{field}' at column {_at - field.Length + 1} (name, tag, era, arch or file)");
            }

            Skip();
            var negate = Eat('!');
            if (!Eat('='))
            {
                throw new FormatException($"expected '=' or '!=' after '{field}' at column {_at + 1}");
            }

            var pattern = Glob(Word());
            Func<SuiteFacts, bool> test = field switch
            {
                "name" => f => pattern.IsMatch(f.Name),
                "tag" => f => f.Tags.Any(pattern.IsMatch),
                "era" => f => pattern.IsMatch(f.Era),
                "arch" => f => pattern.IsMatch(f.Arch),
                _ => f => pattern.IsMatch(f.File),
            };
            return negate ? f => !test(f) : test;
        }

        private string Word()
        {
            Skip();
            var start = _at;
            while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && "=&|()!".IndexOf(text[_at], StringComparison.Ordinal) < 0)
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw new FormatException($"expected a word at column {_at + 1}");
        }

        private bool Peek(char c)
        {
            Skip();
            return _at < text.Length && text[_at] == c;
        }

        private bool Eat(char c)
        {
            if (!Peek(c))
            {
                return false;
            }

            _at++;
            return true;
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
