using Microsoft.Extensions.Options;

namespace Baton.Server.Hosting;

/// <summary>Source-generated validation of <see cref="BatonOptions"/> and its nested options (data annotations).</summary>
[OptionsValidator]
public sealed partial class BatonOptionsValidator : IValidateOptions<BatonOptions>;
