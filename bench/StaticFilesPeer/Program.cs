using Microsoft.Extensions.FileProviders;

// usage: StaticFilesPeer ROOT URL — serves ROOT under /files/ with ASP.NET Core's StaticFileMiddleware (range support on).
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(args[1]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(Path.GetFullPath(args[0])),
    RequestPath = "/files",
    ServeUnknownFileTypes = true,
});
Console.WriteLine("listening " + args[1]);
app.Run();
