using System.Security.Cryptography.X509Certificates;

namespace Baton.Cli.Serve;

/// <summary>Loads the TLS certificate given to <c>baton serve --cert</c>: PEM certificate + key, or a PFX/PKCS#12 file.</summary>
public static class ServerCertificate
{
    public static X509Certificate2 Load(string certificatePath, string? keyPath, string? password)
    {
        if (!File.Exists(certificatePath))
        {
            throw new IOException($"certificate file {certificatePath} does not exist");
        }
        if (keyPath is not null)
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        var extension = Path.GetExtension(certificatePath).ToLowerInvariant();
        return extension is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password)
            : X509Certificate2.CreateFromPemFile(certificatePath); // a PEM holding both certificate and key
    }
}
