using Microsoft.Extensions.Configuration;
using OrleansStreams.Client.Hosting;
using OrleansStreams.Configuration;

namespace OrleansStreams.Client.Tests.Hosting;

public sealed class ClientClusterSettingsTests
{
    [Fact]
    public void Read_Nothing_LocalGatewayAndTheSilosDefaults()
    {
        var settings = Read();

        Assert.Equal(ClientClusterProvider.Localhost, settings.Provider);
        Assert.Equal("orleans-streams", settings.ClusterId);
        Assert.Equal("orleans-streams", settings.ServiceId);
        Assert.Equal("127.0.0.1:30000", settings.Describe());
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ConnectTimeout);
    }

    [Fact]
    public void Read_GatewayPortOnly_LocalGatewayOnThatPort()
    {
        Assert.Equal("127.0.0.1:30001", Read(("GatewayPort", "30001")).Describe());
    }

    [Fact]
    public void Read_Gateways_EveryOneInOrder()
    {
        var settings = Read(("Gateways", " 127.0.0.1:30000, silo-2:30001 ,[::1]:30002"), ("GatewayPort", "1"));

        Assert.Equal("127.0.0.1:30000, silo-2:30001, [::1]:30002", settings.Describe());
    }

    [Fact]
    public void Read_EverySetting_Kept()
    {
        var settings = Read(("Provider", "adonet"), ("ConnectionString", "Host=db;Port=5433;Database=orleans;Username=u;Password=secret"), ("ClusterId", "c"), ("ServiceId", "s"), ("ConnectTimeout", "3s"));

        Assert.Equal(ClientClusterProvider.AdoNet, settings.Provider);
        Assert.Equal(("c", "s"), (settings.ClusterId, settings.ServiceId));
        Assert.Equal(TimeSpan.FromSeconds(3), settings.ConnectTimeout);
        Assert.Equal("the membership database host=db;port=5433;database=orleans;username=u;password=***", settings.Describe());
        Assert.DoesNotContain("secret", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SiloOnlyKeys_Ignored()
    {
        Read(("SiloPort", "not a port"), ("PrimarySiloEndpoint", "?"), ("AdvertisedAddress", "?"));
    }

    [Theory]
    [InlineData("Provider", "X", "Invalid setting Cluster:Provider = 'X': allowed is one of Localhost, AdoNet.")]
    [InlineData("Provider", "1", "Invalid setting Cluster:Provider = '1': allowed is one of Localhost, AdoNet.")]
    [InlineData("GatewayPort", "0", "Invalid setting Cluster:GatewayPort = '0': allowed is an integer from 1 to 65535.")]
    [InlineData("GatewayPort", "http", "Invalid setting Cluster:GatewayPort = 'http': allowed is an integer from 1 to 65535.")]
    [InlineData("Gateways", "silo-1", "Invalid setting Cluster:Gateways = 'silo-1': allowed is a comma-separated list of host:port with ports from 1 to 65535.")]
    [InlineData("Gateways", "a:1,b:0", "Invalid setting Cluster:Gateways = 'a:1,b:0': allowed is a comma-separated list of host:port with ports from 1 to 65535.")]
    [InlineData("Gateways", ",", "Invalid setting Cluster:Gateways = ',': allowed is a comma-separated list of host:port with ports from 1 to 65535.")]
    [InlineData("ConnectTimeout", "0s", "Invalid setting Cluster:ConnectTimeout = '0s': allowed is a duration from 1s to 10m (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    [InlineData("ConnectTimeout", "soon", "Invalid setting Cluster:ConnectTimeout = 'soon': allowed is a duration from 1s to 10m (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    public void Read_BadValue_OneLineNamingKeyValueAndWhatIsAllowed(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(message, error.Message);
        Assert.Equal($"Cluster:{key}", error.Key);
    }

    [Fact]
    public void Read_AdoNetWithoutConnectionString_Missing()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("Provider", "AdoNet")));

        Assert.Equal("Invalid setting Cluster:ConnectionString = (missing): allowed is a PostgreSQL connection string when Cluster:Provider is AdoNet.", error.Message);
    }

    [Fact]
    public void Read_AdoNetWithUnreadableConnectionString_RejectedWithoutEchoingIt()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("Provider", "AdoNet"), ("ConnectionString", "Password=secret;=broken")));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrleansStreamsSection_WinsKeyByKeyOverTheTopLevelSectionOfEarlierReleases()
    {
        var settings = ClientClusterSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrleansStreams:Cluster:ClusterId"] = "new",
                ["Cluster:ClusterId"] = "old",
                ["Cluster:ServiceId"] = "old-service",
                ["OrleansStreams:Cluster:Gateways"] = "silo-1:30000",
            })
            .Build());

        Assert.Equal(("new", "old-service"), (settings.ClusterId, settings.ServiceId));
        Assert.Equal("silo-1:30000", settings.Describe());

        var error = Assert.Throws<InvalidSettingException>(() => ClientClusterSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrleansStreams:Cluster:Provider"] = "AdoNet" })
            .Build()));
        Assert.Equal("Invalid setting OrleansStreams:Cluster:ConnectionString = (missing): allowed is a PostgreSQL connection string when OrleansStreams:Cluster:Provider is AdoNet.", error.Message);
    }

    private static ClientClusterSettings Read(params (string Key, string Value)[] values) =>
        ClientClusterSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Cluster:{v.Key}", v.Value)))
            .Build());
}
