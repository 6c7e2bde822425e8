using Irony.Parsing;
using KjTest.Dsl.Text;

namespace KjTest.Dsl.Tests.Text;

public sealed class KjtGrammarTests
{
    [Test]
    public void Grammar_builds_without_conflicts_or_errors()
    {
        var language = new LanguageData(new KjtGrammar());

        Assert.That(language.Errors.Select(e => $"{e.Level}: {e.Message} [{e.State}]"), Is.Empty);
        Assert.That(language.CanParse(), Is.True);
    }
}
