namespace Baton.Server.Uploads;

/// <summary>What happens when a completed upload's file name is already taken in ROOT.</summary>
public enum UploadNameClash
{
    /// <summary>Keep both: the upload becomes <c>name (1).ext</c>, <c>name (2).ext</c>… (default).</summary>
    KeepBoth,

    /// <summary>The upload replaces the existing file (atomically).</summary>
    Replace,
}
