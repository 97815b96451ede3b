using System.Globalization;

namespace OrleansStreams.Grains.State;

/// <summary>Grain ids of partition state grains: <c>"&lt;pipeline&gt;/&lt;partition&gt;"</c>.</summary>
internal static class PartitionStateGrainId
{
    public static string Of(string pipeline, int partition) => string.Create(CultureInfo.InvariantCulture, $"{pipeline}/{partition}");
}
