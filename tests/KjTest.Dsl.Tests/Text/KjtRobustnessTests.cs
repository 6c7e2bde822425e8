using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;

namespace KjTest.Dsl.Tests.Text;

public sealed class KjtRobustnessTests
{
    private static readonly string[] Soup =
    [
        "scenario", "machine", "kernel", "state", "memory", "image", "segment", "relocate", "steps", "load", "unload",
        "jump", "fault", "expect", "preserved", "console", "kimage", "image_start", "all", "except", "mask", "size",
        "fill", "hex", "asm", "file", "elf", "index", "entry", "flags", "device", "register", "region", "ram", "=", "==",
        "|", ",", "[", "]", "\"", "\"\"\"", "\"x\"", "0x10", "64MiB", "-1", "rax", "nic0.ctrl", "\n", "\n", "\n", "  ",
        "\t", "#", "\\", "@", "é", "\r\n", "100EiB", "true", "\"\"\"\n  a\n  \"\"\"",
    ];

    private static IEnumerable<string> GoodTexts() =>
        Directory.GetFiles(KjtCorpus.Directory("GoodKjt"), "*.kjt").Order(StringComparer.Ordinal).Select(File.ReadAllText);

    private static void AssertExplained(ParseResult result, string input)
    {
        Assert.That(result.Succeeded || result.Diagnostics.Any(d => d.IsError), Is.True, input);
        Assert.That(result.Diagnostics.Select(d => d.Id), Has.No.Member("KJ1213"), input);
    }

    [Test]
    public void Random_bytes_never_throw()
    {
        var reader = new ScenarioReader([new KjtFrontEnd()]);
        var random = new Random(1234);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var result = reader.Read("random.kjt", bytes);
            Assert.That(result.Diagnostics, Is.Not.Empty);
            Assert.That(result.Diagnostics.Select(d => d.Id), Has.No.Member("KJ1213"));
        }
    }

    [Test]
    public void Random_printable_text_never_throws_and_always_explains_itself()
    {
        var frontEnd = new KjtFrontEnd();
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var chars = new char[random.Next(1, 300)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(9, 127);
            }

            var result = frontEnd.Parse(new SourceText("printable.kjt", new string(chars)));
            AssertExplained(result, "");
        }
    }

    [Test]
    public void Every_truncation_of_every_good_file_never_throws()
    {
        var frontEnd = new KjtFrontEnd();
        var count = 0;
        foreach (var text in GoodTexts())
        {
            for (var length = 0; length <= text.Length; length += 3)
            {
                var result = frontEnd.Parse(new SourceText("cut.kjt", text[..length]));
                AssertExplained(result, text[..length]);
                foreach (var diagnostic in result.Diagnostics)
                {
                    Assert.That(DiagnosticRenderer.Render(diagnostic, result.Source), Is.Not.Empty);
                }

                count++;
            }
        }

        Assert.That(count, Is.GreaterThan(500));
    }

    [Test]
    public void Random_token_soup_never_throws()
    {
        var frontEnd = new KjtFrontEnd();
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var builder = new StringBuilder("scenario \"soup\"\n");
            var tokens = random.Next(1, 60);
            for (var j = 0; j < tokens; j++)
            {
                builder.Append(Soup[random.Next(Soup.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            }

            var result = frontEnd.Parse(new SourceText("soup.kjt", builder.ToString()));
            AssertExplained(result, builder.ToString());
        }
    }

    [Test]
    public void Lines_of_good_files_shuffled_never_throw()
    {
        var frontEnd = new KjtFrontEnd();
        var random = new Random(5);
        var lines = GoodTexts().SelectMany(t => t.Split('\n')).ToArray();
        for (var i = 0; i < 200; i++)
        {
            var picked = Enumerable.Range(0, random.Next(1, 40)).Select(_ => lines[random.Next(lines.Length)]);
            var text = "scenario \"shuffled\"\n" + string.Join('\n', picked);
            var result = frontEnd.Parse(new SourceText("shuffled.kjt", text));
            AssertExplained(result, text);
        }
    }

    [Test]
    public void Deeply_nested_lists_are_refused_without_exhausting_the_stack()
    {
        var text = "scenario \"deep\"\nsteps\n  fault f p " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = new KjtFrontEnd().Parse(new SourceText("deep.kjt", text));

        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1215" }));
        Assert.That(result.Diagnostics[0].Span.Column, Is.EqualTo(45), "the 33rd bracket");
    }
}
