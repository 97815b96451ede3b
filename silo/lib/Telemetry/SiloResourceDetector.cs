using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using Orleans.Configuration;

namespace OrleansStreams.Telemetry;

/// <summary>Names the exported telemetry: service <c>orleans-streams</c>, instance the silo's name (read when the exporter starts, so the application may set it anywhere).</summary>
internal sealed class SiloResourceDetector(IOptions<SiloOptions> silo) : IResourceDetector
{
    public Resource Detect() => ResourceBuilder.CreateEmpty()
        .AddService("orleans-streams", serviceInstanceId: silo.Value.SiloName, autoGenerateServiceInstanceId: silo.Value.SiloName is null)
        .Build();
}
