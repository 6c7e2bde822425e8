namespace KjTest.Dsl.Vocabulary;

/// <summary>The type a parameter's text must have.</summary>
public enum ParameterType
{
    /// <summary>An unsigned number (decimal, 0x hex, 0b binary, <c>_</c> separators).</summary>
    Number,

    /// <summary>A size such as <c>4096</c>, <c>64KiB</c>, <c>2MiB</c>.</summary>
    Size,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>One of the parameter's allowed words.</summary>
    Choice,

    /// <summary>A device name declared by the scenario.</summary>
    Device,

    /// <summary>A register name.</summary>
    Register,

    /// <summary>An errno name.</summary>
    Errno,

    /// <summary>Hexadecimal bytes.</summary>
    Bytes,

    /// <summary>A list of register names.</summary>
    RegisterList,
}
