namespace Baton.Browser.Tests;

/// <summary>
/// Where the tests save their screenshots: <c>BATON_SCREENSHOTS</c> when set (scripts/screenshots.sh points it at docs/),
/// otherwise a folder beside the test binaries, so an ordinary test run never rewrites the committed images.
/// </summary>
public static class Screenshots
{
    public static string PathOf(string name)
    {
        var folder = Environment.GetEnvironmentVariable("BATON_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
