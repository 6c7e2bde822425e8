using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Tests.Model;

public sealed class ModelDumpTests
{
    private static Located<T> At<T>(T value, int line) => new(value, new SourceSpan("f", 0, 1, line, 1, line, 2));

    [Test]
    public void Dump_ignores_spans_so_equal_models_from_different_files_compare_equal()
    {
        var a = new JumpStep(new SourceSpan("a.yaml", 0, 4, 3, 1, 3, 5), At("ok", 3));
        var b = new JumpStep(new SourceSpan("b.kjt", 10, 4, 7, 2, 7, 6), At("ok", 9));

        Assert.That(ModelDump.Write(a), Is.EqualTo(ModelDump.Write(b)));
    }

    [Test]
    public void Dump_differs_when_a_value_differs()
    {
        var a = new LoadStep(SourceSpan.None, At("b", 1), [At(new FlagTerm("PRESERVE_CONTEXT", 0), 1)], null, At("ok", 1));
        var b = a with { Flags = [At(new FlagTerm("ON_CRASH", 0), 1)] };

        Assert.That(ModelDump.Write(a), Is.Not.EqualTo(ModelDump.Write(b)));
        Assert.That(ModelDump.Write(a), Does.Contain("PRESERVE_CONTEXT"));
    }
}
