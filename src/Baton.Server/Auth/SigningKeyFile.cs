using System.Security.Cryptography;
using Baton.Server.Hosting;

namespace Baton.Server.Auth;

/// <summary>The generated signing key in <c>.baton/signing.key</c>: 32 random bytes, created once, readable by the owner only.</summary>
public static class SigningKeyFile
{
    public static string PathIn(BatonRoot root) => Path.Combine(root.StatePath, "signing.key");

    public static byte[] LoadOrCreate(BatonRoot root) => LoadOrCreate(PathIn(root));

    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp); // another process created it first: use theirs
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
