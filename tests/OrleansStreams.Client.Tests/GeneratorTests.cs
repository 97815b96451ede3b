using System.Text;
using OrleansStreams.Generation;

namespace OrleansStreams.Client.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void ZipfSampler_SkewOne_FirstRankMuchMoreFrequentThanTenth()
    {
        var sampler = new ZipfSampler(100, 1.0);
        var random = new Random(1);
        var counts = new int[100];
        for (var i = 0; i < 100_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.InRange(counts[0] / (double)counts[9], 7, 13); // 1/1 vs 1/10
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public void SensorReadingFactory_DefaultShares_MostlyOnTimeSomeLateSomeUnreadable()
    {
        var factory = new SensorReadingFactory(new GeneratorOptions());
        int late = 0, disordered = 0, unreadable = 0;
        const long now = 10_000_000;
        for (var i = 0; i < 100_000; i++)
        {
            var (key, value, timestamp) = factory.Next(now);
            if (key is null || !Encoding.UTF8.GetString(value).EndsWith('}'))
            {
                unreadable++;
            }
            else if (timestamp <= now - 120_000)
            {
                late++;
            }
            else if (timestamp < now)
            {
                Assert.InRange(timestamp, now - 8_000, now - 1);
                disordered++;
            }
        }

        Assert.InRange(unreadable, 20, 100);
        Assert.InRange(late, 350, 650);
        Assert.InRange(disordered, 4_500, 5_500);
    }

    [Fact]
    public void SensorReadingFactory_SameSeed_SameSequence()
    {
        var a = new SensorReadingFactory(new GeneratorOptions { Seed = 3 });
        var b = new SensorReadingFactory(new GeneratorOptions { Seed = 3 });

        for (var i = 0; i < 100; i++)
        {
            var x = a.Next(i);
            var y = b.Next(i);
            Assert.Equal(x.Key, y.Key);
            Assert.Equal(x.Value, y.Value);
            Assert.Equal(x.Timestamp, y.Timestamp);
        }
    }

    [Fact]
    public void SensorReadingGenerator_ClientProperties_ReachItsProducer_AndReplaceTheDefaults()
    {
        var generator = new SensorReadingGenerator("broker:9092", new GeneratorOptions(), TimeProvider.System, _ => { }, new Dictionary<string, string>
        {
            ["security.protocol"] = "SASL_SSL",
            ["sasl.username"] = "generator",
            ["linger.ms"] = "20",
        });

        Assert.Equal(
            ("SASL_SSL", "generator", "20", "lz4", "orleans-streams-generator", "broker:9092", true),
            (generator.Config.Get("security.protocol"), generator.Config.SaslUsername, generator.Config.Get("linger.ms"), generator.Config.Get("compression.type"), generator.Config.ClientId, generator.Config.BootstrapServers, generator.Config.EnableIdempotence));
    }
}
