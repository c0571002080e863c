using Baton.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Storage.S3.Hosting;

public static class S3StorageServiceCollectionExtensions
{
    /// <summary>Makes the S3 backend selectable (<c>Baton:Storage:Kind = s3</c>) with options bound from <paramref name="baton"/>
    /// (the <c>Baton</c> section), validated at start when it is selected.</summary>
    public static IServiceCollection AddBatonS3Storage(this IServiceCollection services, IConfiguration? baton = null)
    {
        var options = services.AddOptions<S3StorageOptions>();
        if (baton is not null)
        {
            options.Bind(baton.GetSection(S3StorageOptions.SectionName));
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        return services.AddBatonStorageBackend<S3StorageBackend>();
    }
}
