namespace KjTest.Dsl.Vocabulary;

/// <summary>One parameter a fault or expectation kind takes.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Type">Value type.</param>
/// <param name="Required">Whether it must be given.</param>
/// <param name="Choices">Allowed words for <see cref="ParameterType.Choice"/>.</param>
/// <param name="Description">One line for listings and the JSON schema.</param>
public sealed record ParameterSpec(string Name, ParameterType Type, bool Required, IReadOnlyList<string> Choices, string Description)
{
    /// <summary>A required parameter.</summary>
    public static ParameterSpec Req(string name, ParameterType type, string description, params string[] choices) => new(name, type, true, choices, description);

    /// <summary>An optional parameter.</summary>
    public static ParameterSpec Opt(string name, ParameterType type, string description, params string[] choices) => new(name, type, false, choices, description);
}
