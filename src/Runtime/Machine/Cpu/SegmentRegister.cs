namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The six segment registers, in the encoding order of the x86 instruction set.</summary>
public enum SegmentRegister
{
    /// <summary>ES.</summary>
    Es = 0,

    /// <summary>CS.</summary>
    Cs = 1,

    /// <summary>SS.</summary>
    Ss = 2,

    /// <summary>DS.</summary>
    Ds = 3,

    /// <summary>FS.</summary>
    Fs = 4,

    /// <summary>GS.</summary>
    Gs = 5,
}
