using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Dsl.Tests.Images;

/// <summary>Bad input of every shape gives diagnostics, never an exception (seeded, so failures reproduce).</summary>
public class GarbageInputTests
{
    private const string Program = """
        start:
            mov rax, [rel table + 8]
            lea rsi, [rbx + rcx*8 - 0x40]
            times 3 db 'ab', 0
        .l: jnz .l
            align 16, 0xcc
            dq start, $ - $$
        COUNT equ (table - start) / 2
        table:
            dd COUNT << 2 | 1
            fstp tword [rax]
            rep movsb
            jmp far [rax]
        """;

    private static readonly string[] Fragments =
    [
        "mov", "rax", "eax", "al", "[", "]", "+", "-", "*", "/", "//", "%", "(", ")", ",", ":", "0x", "0x10", "1", "-1", "99999999999999999999",
        "'a", "'ab'", "\"", "$", "$$", "label", ".local", "label:", "byte", "qword", "ptr", "far", "short", "rel", "times", "db", "dq",
        "align", "bits", "org", "equ", "rep", "lock", "fs:", "rip", "st(", "st(9)", "xmm0", "cr0", "jmp", "call", "ret", "push", "lgdt",
        "~", "<<", ">>", "&", "|", "^", "!", "#", ";", "\t", " ", "\n", "r8", "0b", "h", "10h", "default", "o64", "[bits 32]",
    ];

    private static AssemblyResult Assemble(string text, int bitness) =>
        Assembler.Assemble(AsmSource.FromFile("fuzz.kjt", text), 0x1000, bitness);

    [Test]
    public void Random_token_soup_never_makes_the_assembler_throw()
    {
        var random = new Random(1234);
        for (var i = 0; i < 1500; i++)
        {
            var count = random.Next(1, 14);
            var text = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, count).Select(_ => Fragments[random.Next(Fragments.Length)]));
            Assert.That(() => Assemble(text, random.Next(2) == 0 ? 64 : 32), Throws.Nothing, text);
        }
    }

    [Test]
    public void Every_truncation_and_character_flip_of_a_program_is_handled()
    {
        var random = new Random(42);
        for (var length = 0; length <= Program.Length; length++)
        {
            var text = Program[..length];
            Assert.That(() => Assemble(text, 64), Throws.Nothing, text);
        }

        const string Noise = "[]():,+-*/$.'\"~#;0x9zq \n";
        for (var i = 0; i < 300; i++)
        {
            var chars = Program.ToCharArray();
            chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
            var text = new string(chars);
            Assert.That(() => Assemble(text, 64), Throws.Nothing, text);
        }
    }

    [Test]
    public void Runaway_times_is_reported_instead_of_exhausting_memory()
    {
        var result = Assemble("times 0x7fffffff db 0\ntimes 100 times 1000000 dq 0", 64);

        Assert.That(result.Diagnostics.Select(d => d.Id), Is.All.EqualTo("KJ1415"));
        Assert.That(result.Diagnostics, Is.Not.Empty);
    }

    [Test]
    public void Random_hex_text_never_throws()
    {
        var random = new Random(7);
        const string Alphabet = "0123456789abcdefABCDEFxX _:,;#\n\r\tgz-";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            Assert.That(() => HexBytes.Parse(text, new SourceText("h", text).SpanAt), Throws.Nothing, text);
        }
    }

    [Test]
    public void Random_bytes_truncations_and_corruptions_of_elf_files_never_throw()
    {
        var random = new Random(99);
        var valid = new ElfBuilder { Entry = 0x1000 }
            .Add(1, 5, 0x1000, [0x90, 0xc3])
            .Add(4, 4, 0, [1, 2, 3, 4])
            .Add(1, 6, 0x2000, [1, 2, 3], memorySize: 0x100)
            .Build();
        var valid32 = new ElfBuilder { Is64 = false, Machine = 3 }.Add(1, 5, 0x1000, [0x90, 0xc3]).Build();
        var linked = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Images", "Data", "jump64.elf"));
        var span = SourceSpan.StartOf("fuzz.yaml");

        foreach (var sample in new[] { valid, valid32, linked })
        {
            for (var length = 0; length <= Math.Min(sample.Length, 400); length++)
            {
                var truncated = sample[..length];
                Assert.That(() => ElfImage.Parse(truncated, "t.elf", span), Throws.Nothing, $"length {length}");
            }

            for (var i = 0; i < 1500; i++)
            {
                var corrupted = (byte[])sample.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    corrupted[random.Next(Math.Min(corrupted.Length, 300))] = (byte)random.Next(256);
                }

                ElfReadResult? result = null;
                Assert.That(() => result = ElfImage.Parse(corrupted, "c.elf", span), Throws.Nothing);

                // KjTest's own checks catch everything before ELFSharp would have to reject the file.
                Assert.That(result!.Diagnostics.Select(d => d.Id), Does.Not.Contain("KJ1449"));
            }
        }

        for (var i = 0; i < 500; i++)
        {
            var garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            if (garbage.Length >= 4 && random.Next(2) == 0)
            {
                garbage[0] = 0x7f;
                garbage[1] = (byte)'E';
                garbage[2] = (byte)'L';
                garbage[3] = (byte)'F';
            }

            var result = ElfImage.Parse(garbage, "g.elf", span);
            Assert.That(result.Succeeded || result.Diagnostics.Count > 0, Is.True);
        }
    }
}
