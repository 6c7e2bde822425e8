namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>A fact of the kimage layout an expectation can state (the vocabulary's kimage parameters).</summary>
public enum KimageProperty
{
    /// <summary>Number of segments.</summary>
    Segments,

    /// <summary>Number of destination pages with their source pages.</summary>
    SourcePages,

    /// <summary>Number of indirection pages.</summary>
    IndirectionPages,

    /// <summary>Destination pages whose source is the destination itself.</summary>
    SelfDestinations,

    /// <summary>The first control page.</summary>
    ControlPage,

    /// <summary>The swap page.</summary>
    SwapPage,

    /// <summary>image->head.</summary>
    Head,

    /// <summary>Whether every moved source page lies outside every destination range.</summary>
    SourcesOutsideDestinations,
}
