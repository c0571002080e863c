namespace Baton.Protocol.Uploads.Dialects;

/// <summary>What <c>Upload-Complete</c> says in a response to creation or append (offset retrieval always reports the state).</summary>
public enum CompleteFieldMeaning
{
    /// <summary>draft-05 "Upload-Complete": whether the upload is considered complete.</summary>
    UploadState,

    /// <summary>
    /// draft-06–09 "Upload Append" ("If the request didn't complete the upload, any response, successful or not, MUST include the
    /// Upload-Complete header field with a false value"; draft-10–11 lifted that requirement without contradicting it) and the
    /// editor's copy "Completeness" (true: the response comes from the targeted resource): whether this response is the upload's
    /// final one. A rejection, even of an append to a completed upload, says <c>?0</c>.
    /// </summary>
    ThisResponseIsFinal,
}
