// The harness drives nginx, wrk, curl and Debian packages: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
