namespace KjTest.Dsl.Vocabulary;

/// <summary>A fault or expectation kind with its parameters.</summary>
/// <param name="Name">Kind name as written.</param>
/// <param name="Description">One line for listings and the JSON schema.</param>
/// <param name="Parameters">Parameters it takes.</param>
public sealed record KindSpec(string Name, string Description, IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Finds a parameter by name.</summary>
    public ParameterSpec? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
