using static KjTest.Dsl.Vocabulary.ParameterSpec;

namespace KjTest.Dsl.Vocabulary;

/// <summary>Parameters of the open-vocabulary expectations (the kimage layout, reference kexec-jump.md section 3).</summary>
public static class ExpectationKinds
{
    /// <summary>The kimage layout facts a scenario can check.</summary>
    public static KindSpec Kimage { get; } = new("kimage", "facts about the kimage built in guest RAM",
    [
        Opt("segments", ParameterType.Number, "number of segments"),
        Opt("source_pages", ParameterType.Number, "number of IND_SOURCE entries"),
        Opt("indirection_pages", ParameterType.Number, "number of indirection pages"),
        Opt("self_destinations", ParameterType.Number, "number of source pages that are their own destination"),
        Opt("control_page", ParameterType.Number, "physical address of the control page"),
        Opt("swap_page", ParameterType.Number, "physical address of the swap page"),
        Opt("head", ParameterType.Number, "the head word (first indirection page | IND_INDIRECTION)"),
        Opt("sources_outside_destinations", ParameterType.Bool, "every source page is outside the destinations or is its own destination"),
    ]);
}
