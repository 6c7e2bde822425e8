using System.Globalization;
using System.Runtime.Intrinsics.X86;
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

        total += WriteFamily(directory, folder, bits, family.Key, [.. family], perForm, new UnicornStepEngine(uc), new UnicornStepEngine(recorder),
            "unicorn", "# unicorn: " + UnicornEngine.Version + "\n");
    }

    if (bits == 64)
    {
        total += GenerateOnHost(directory, folder, perForm);
    }

    Console.WriteLine($"{folder}: {total} cases");
}

return 0;

int GenerateOnHost(string directory, string folder, int perForm)
{
    // MOVBE and POPCNT are fully defined (no undefined flags), so any x86-64 host that has
    // them produces the same vectors.
    var hasMovbe = (X86Base.CpuId(1, 0).Ecx & (1 << 22)) != 0;
    if (!HostCpuRunner.IsSupported || !Popcnt.IsSupported || !hasMovbe)
    {
        Console.WriteLine($"{folder}: host CPU lacks MOVBE or POPCNT; movbe.txt and popcnt.txt left as they are");
        return 0;
    }

    using var host = new HostCpuRunner();
    if (!host.TryMapData(Layout.DataBase, Layout.DataSize))
    {
        Console.WriteLine($"{folder}: cannot map the data page at 0x{Layout.DataBase:x}; movbe.txt and popcnt.txt left as they are");
        return 0;
    }

    var engine = new HostStepEngine(host);
    var total = 0;
    var hostCodes = Enum.GetValues<Code>().Where(c => CaseGenerator.Supports(c, 64, onHost: true));
    foreach (var family in hostCodes.GroupBy(c => Families.Of(c.ToOpCode().Mnemonic)!).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        total += WriteFamily(directory, folder, 64, family.Key, [.. family], perForm, engine, engine, "host-cpu", "");
    }

    return total;
}

int WriteFamily(string directory, string folder, int bits, string familyName, List<Code> forms, int perForm, IStepEngine engine, IStepEngine recorder, string oracle, string oracleHeader)
{
    // Each family draws from its own stream so adding a family does not reshuffle the others.
    var familySeed = seed ^ StableHash(familyName) ^ bits;
    var generator = new CaseGenerator(engine, recorder, bits, new Random(familySeed));
    var lines = new List<string>();
    var missing = new List<Code>();
    foreach (var code in forms)
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
    text.Append("# generator: KjTest.VectorGen (Iced ").Append(typeof(Iced.Intel.Encoder).Assembly.GetName().Version).Append(" encoder, single step)\n");
    text.Append(CultureInfo.InvariantCulture, $"# seed: 0x{seed:x8} (family stream 0x{familySeed:x8})\n");
    text.Append("# oracle: ").Append(oracle).Append('\n');
    text.Append(oracleHeader);
    text.Append(CultureInfo.InvariantCulture, $"# mode: {bits}\n");
    text.Append("# family: ").Append(familyName).Append('\n');
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

    File.WriteAllText(Path.Combine(directory, familyName + ".txt"), text.ToString());
    Console.WriteLine($"{folder}/{familyName}: {lines.Count} cases from {forms.Count} forms, {generator.Dropped} dropped, {generator.HookDisagreements} hook disagreements, {missing.Count} forms missing");
    return lines.Count;
}

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
