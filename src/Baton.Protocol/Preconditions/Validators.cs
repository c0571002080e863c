using Baton.Protocol.Validators;

namespace Baton.Protocol.Preconditions;

/// <summary>The validators of the selected representation (RFC 9110 §8.8): its strong entity tag and last modification date.</summary>
public readonly record struct RepresentationValidators(EntityTag? ETag, DateTimeOffset? LastModified);
