namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Writes one line per executed instruction: address, bytes, Intel-syntax disassembly and the registers it changed.</summary>
internal sealed class InstructionTracer
{
    private static readonly string[] GprNames = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    private readonly X86Cpu _cpu;
    private readonly TextWriter _writer;
    private readonly ulong[] _before = new ulong[16];
    private ulong _flagsBefore;
    private string _text = "";

    public InstructionTracer(X86Cpu cpu, TextWriter writer)
    {
        _cpu = cpu;
        _writer = writer;
    }

    public void Before()
    {
        ((ReadOnlySpan<ulong>)_cpu.Gpr)[..16].CopyTo(_before);
        _flagsBefore = _cpu.ReadFlags();
        _text = _cpu.DescribeCurrentInstruction();
    }

    public void After()
    {
        var line = new System.Text.StringBuilder(_text);
        for (var r = 0; r < 16; r++)
        {
            if (_cpu.Gpr[r] != _before[r])
            {
                line.Append($" {GprNames[r]}={_cpu.Gpr[r]:x}");
            }
        }

        var flags = _cpu.ReadFlags();
        if (flags != _flagsBefore)
        {
            line.Append($" rflags={flags:x}");
        }

        _writer.WriteLine(line.ToString());
    }

    public void Fault(object fault) => _writer.WriteLine($"{_text} -> {((Exception)fault).Message}");
}
