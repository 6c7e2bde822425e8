using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>Register names as NASM and objdump write them, mapped to Iced registers.</summary>
internal static class RegisterTable
{
    private static readonly Dictionary<string, Register> Names = Build();

    public static bool TryGet(string name, out Register register) => Names.TryGetValue(name, out register);

    public static bool IsSegment(string name) => TryGet(name, out var register) && register.IsSegmentRegister();

    /// <summary>True when <paramref name="register"/> exists in code of the given bitness.</summary>
    public static bool IsAvailable(Register register, int bitness)
    {
        if (bitness == 64)
        {
            return true;
        }

        if (register.IsGPR64() || register == Register.RIP)
        {
            return false;
        }

        if (register is Register.SPL or Register.BPL or Register.SIL or Register.DIL)
        {
            return false;
        }

        if ((register.IsGPR() && !register.IsGPR8()) || register.IsXMM() || register.IsYMM() || register.IsZMM() || register.IsCR() || register.IsDR())
        {
            return register.GetNumber() < 8;
        }

        return !register.IsGPR8() || register <= Register.BH;
    }

    private static Dictionary<string, Register> Build()
    {
        var names = new Dictionary<string, Register>(StringComparer.OrdinalIgnoreCase);
        foreach (var register in Enum.GetValues<Register>())
        {
            var name = register.ToString();
            if (register == Register.None || name.StartsWith("DontUse", StringComparison.Ordinal))
            {
                continue;
            }

            names.TryAdd(name.ToLowerInvariant(), register);
        }

        for (var n = 8; n <= 15; n++)
        {
            names[$"r{n}b"] = Register.R8L + (n - 8);
        }

        names["st"] = Register.ST0;
        return names;
    }
}
