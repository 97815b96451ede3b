namespace OrleansStreams.Pipelines;

/// <summary>Validation of pipeline and topic names.</summary>
public static class PipelineNames
{
    /// <summary>Whether <paramref name="name"/> is a usable pipeline or Kafka topic name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for 1–249 characters of letters, digits, '.', '_' and '-', other than "." and "..".</returns>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 249 && name is not "." and not ".."
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not valid.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameter">The parameter name for the exception.</param>
    public static void Validate(string? name, string parameter)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name: use 1-249 letters, digits, '.', '_' or '-'", parameter);
        }
    }
}
