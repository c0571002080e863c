namespace Baton.Protocol.Uploads.Dialects;

/// <summary>How an append to an upload that is already complete is answered (after its offset was found to match).</summary>
public enum LateAppendRule
{
    /// <summary>draft-05 "Upload Append", draft-06–09: 400 with the <c>completed-upload</c> problem type.</summary>
    RejectAsCompleted,

    /// <summary>draft-10–11 "Upload Append": content → 400 <c>inconsistent-upload-length</c>; no content → 400 <c>completed-upload</c>.</summary>
    RejectByContent,

    /// <summary>Editor's copy "Upload Append": a valid late append (no content) gets the final response again; content → 400
    /// <c>inconsistent-upload-length</c>. There is no <c>completed-upload</c> problem type.</summary>
    ReplayFinalResponse,
}
