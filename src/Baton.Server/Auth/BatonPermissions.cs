namespace Baton.Server.Auth;

/// <summary>What a caller may do. Admin implies everything.</summary>
[Flags]
public enum BatonPermissions
{
    None = 0,
    Download = 1,
    List = 2,
    Upload = 4,
    Delete = 8,
    Admin = 16,
    All = Download | List | Upload | Delete | Admin,
}
