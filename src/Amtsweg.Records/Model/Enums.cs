namespace Amtsweg.Records.Model;

/// <summary>What happens to a file when its retention period has run out (Aussonderung).</summary>
public enum DisposalRule
{
    /// <summary>Offer to the archive (archivwürdig).</summary>
    Archive,

    /// <summary>Destroy without offering (vernichten).</summary>
    Destroy,

    /// <summary>The archive decides (bewerten).</summary>
    Appraise,
}

/// <summary>The life cycle of an Akte or a Vorgang.</summary>
public enum RecordState
{
    /// <summary>Open for work.</summary>
    Open,

    /// <summary>zdA (zu den Akten): closed, no more changes; retention runs.</summary>
    Closed,

    /// <summary>Content deleted after the Aussonderung; a tombstone remains.</summary>
    Disposed,
}

/// <summary>How confidential a document is.</summary>
public enum Confidentiality
{
    /// <summary>Offen.</summary>
    Public,

    /// <summary>Nur für den Dienstgebrauch innerhalb der Verwaltung.</summary>
    Internal,

    /// <summary>Vertraulich: personal or otherwise protected data.</summary>
    Confidential,

    /// <summary>Streng vertraulich.</summary>
    StrictlyConfidential,
}
