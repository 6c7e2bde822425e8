namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>Which console output an expectation reads.</summary>
public enum ConsoleSource
{
    /// <summary>Everything the guest wrote to any console, in order.</summary>
    All,

    /// <summary>What the 16550 UART transmitted.</summary>
    Uart,

    /// <summary>What was written to the debug console port.</summary>
    DebugCon,
}
