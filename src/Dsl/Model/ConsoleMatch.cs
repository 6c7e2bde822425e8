namespace KjTest.Dsl.Model;

/// <summary>How console output is compared.</summary>
public enum ConsoleMatch
{
    /// <summary>The whole output equals the text.</summary>
    Exact,

    /// <summary>The output contains the text.</summary>
    Contains,
}
