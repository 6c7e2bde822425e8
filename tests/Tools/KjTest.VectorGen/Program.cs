using System.Globalization;
using System.Text;
using Iced.Intel;
using KjTest.Runtime.Tests.Oracle;
using KjTest.VectorGen;

// Usage: KjTest.VectorGen <output-root> [--seed N] [--per-form-64 N] [--per-form-32 N]
// Writes <output-root>/x86_64/<family>.txt and <output-root>/i386/<family>.txt.
var root = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "tests/KjTest.Runtime.Tests/Oracle/Vectors";
var seed = 0x4B4A5431;
var perForm64 = 40;
var perForm32 = 16;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--seed":
            seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--per-form-64":
            perForm64 = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--per-form-32":
            perForm32 = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        default:
            break;
    }
}

if (!UnicornEngine.IsAvailable)
{
    Console.Error.WriteLine("libunicorn.so.2 not found: install the Debian package libunicorn2");
    return 2;
}

foreach (var (bits, folder, perForm) in new[] { (64, "x86_64", perForm64), (32, "i386", perForm32) })
{
    var directory = Path.Combine(root, folder);
    Directory.CreateDirectory(directory);
    var codes = Enum.GetValues<Code>().Where(c => CaseGenerator.Supports(c, bits)).ToList();
    var total = 0;
    foreach (var family in codes.GroupBy(c => Families.Of(c.ToOpCode().Mnemonic)!).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var mode = bits == 64 ? UnicornMode.Bits64 : UnicornMode.Bits32;
        using var uc = new UnicornEngine(mode, recordAccesses: false);
        using var recorder = new UnicornEngine(mode);
        foreach (var engine in new[] { uc, recorder })
        {
            engine.Map(Layout.CodeBase, Layout.CodeSize);
            engine.Map(Layout.DataBase, Layout.DataSize);
            engine.Map(Layout.StackBase, Layout.StackSize);
            engine.Write(Layout.CodeBase, Enumerable.Repeat((byte)0x90, (int)Layout.CodeSize).ToArray());
        }

        // Each family draws from its own stream so adding a family does not reshuffle the others.
        var familySeed = seed ^ StableHash(family.Key) ^ bits;
        var generator = new CaseGenerator(uc, recorder, bits, new Random(familySeed));
        var lines = new List<string>();
        var missing = new List<Code>();
        foreach (var code in family)
        {
            var made = 0;
            for (var n = 0; n < perForm; n++)
            {
                if (generator.Generate(code) is { } line)
                {
                    lines.Add(line);
                    made++;
                }
            }

            if (made == 0)
            {
                missing.Add(code);
            }
        }

        var text = new StringBuilder();
        text.Append("# KjTest oracle vectors, format 1\n");
        text.Append("# generator: KjTest.VectorGen (Iced ").Append(typeof(Iced.Intel.Encoder).Assembly.GetName().Version).Append(" encoder, Unicorn single step)\n");
        text.Append(CultureInfo.InvariantCulture, $"# seed: 0x{seed:x8} (family stream 0x{familySeed:x8})\n");
        text.Append("# unicorn: ").Append(UnicornEngine.Version).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"# mode: {bits}\n");
        text.Append("# family: ").Append(family.Key).Append('\n');
        text.Append("# ").Append(Layout.Describe()).Append('\n');
        text.Append("# case: <iced-code> <hex-bytes> <initial: reg=hex... ip fl [m=addr:bytes...]> > <final: changed reg=hex... ip fl [m=addr:bytes...]>\n");
        text.Append("# registers not listed on the left are 0; memory not listed is not accessed; right-hand m= lists every byte written\n");
        text.Append(CultureInfo.InvariantCulture, $"# cases: {lines.Count}; dropped (faulted) inputs: {generator.Dropped}; results differing under memory hooks: {generator.HookDisagreements}\n");
        if (missing.Count > 0)
        {
            text.Append("# forms without cases: ").AppendJoin(' ', missing).Append('\n');
        }

        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, family.Key + ".txt"), text.ToString());
        total += lines.Count;
        Console.WriteLine($"{folder}/{family.Key}: {lines.Count} cases from {family.Count()} forms, {generator.Dropped} dropped, {generator.HookDisagreements} hook disagreements, {missing.Count} forms missing");
    }

    Console.WriteLine($"{folder}: {total} cases");
}

return 0;

static int StableHash(string text)
{
    // FNV-1a: string.GetHashCode is randomised per process.
    var hash = 2166136261u;
    foreach (var c in text)
    {
        hash = (hash ^ c) * 16777619u;
    }

    return (int)hash;
}
