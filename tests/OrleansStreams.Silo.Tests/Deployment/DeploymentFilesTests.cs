using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;
using OrleansStreams.Embedded;
using YamlDotNet.RepresentationModel;

namespace OrleansStreams.Silo.Tests.Deployment;

/// <summary>
/// The files in <c>deploy/</c>, checked offline: each tool's own validator where one runs without a
/// server (<c>docker-compose config</c>, <c>systemd-analyze verify</c>), and every OrleansStreams
/// setting they pass read and validated by the silo's own options, so a renamed or misspelt key fails here.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();
    private static readonly string HostAssembly = "OrleansStreams.Silo.Host.dll";

    [Fact]
    public void Dockerfile_MultiStagePublishOfTheHostRunAsNonRoot()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "Dockerfile")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "not a multi-stage build");
        var publish = Assert.Single(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        var project = publish.Split(' ').Single(w => w.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Root, project)), $"the Dockerfile publishes {project}, which does not exist");
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains($"/app/{HostAssembly}", lines.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, HostAssembly)), $"{HostAssembly} is not what the host project builds");
        var environment = DockerfileEnvironment();
        Assert.All(environment.Keys, k => Assert.StartsWith("OrleansStreams__", k, StringComparison.Ordinal));
        environment["OrleansStreams__Kafka__BootstrapServers"] = "kafka:9092"; // every deployment gives it; without it the image runs the embedded dev broker
        AssertValidSettings("Dockerfile", environment);
    }

    [Fact]
    public async Task Compose_ValidatesWithDockerComposeAndEverySiloRunsOnValidSettings()
    {
        var (code, resolved, errors) = await RunAsync("docker-compose", "-f", Path.Combine(Root, "deploy", "compose", "compose.yaml"), "config");
        Assert.True(code == 0 && errors.Length == 0, $"docker-compose config: exit {code}\n{errors}");

        var services = (YamlMappingNode)Load(resolved)["services"];
        var silos = services.Children.Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("build")).ToList();
        Assert.True(silos.Count >= 2, "the compose file runs fewer than two silos");
        foreach (var (name, service) in silos)
        {
            var environment = ((YamlMappingNode)((YamlMappingNode)service)["environment"]).Children
                .ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
            AssertValidSettings($"compose service {name}", DockerfileEnvironment().Concat(environment).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        }

        foreach (var mounted in Regex.Matches(resolved, @"source: (?<path>/\S+)").Select(m => m.Groups["path"].Value).Where(p => p.StartsWith(Root, StringComparison.Ordinal)))
        {
            Assert.True(File.Exists(mounted), $"the compose file mounts {mounted}, which does not exist");
        }
    }

    [Fact]
    public void Kubernetes_ProbesOnTheHealthEndpointsOfTheQueryPortAndValidSettings()
    {
        var documents = LoadAll(File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", "silo.yaml")));
        var deployment = documents.Single(d => d["kind"].ToString() == "Deployment");
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();
        var ports = ((YamlSequenceNode)container["ports"]).Cast<YamlMappingNode>().ToDictionary(p => p["name"].ToString(), p => int.Parse(p["containerPort"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        var environment = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(
            e => e["name"].ToString(),
            e => e.Children.ContainsKey("value") ? e["value"].ToString() : Placeholder((YamlMappingNode)e["valueFrom"]));

        var settings = AssertValidSettings("the Kubernetes Deployment", environment);
        Assert.Equal(settings.Query.Listen.Port, ports["query"]);
        Assert.Equal(settings.Metrics.Listen.Port, ports["metrics"]);
        Assert.Equal(ClusterSettings.DefaultSiloPort, ports["silo"]);
        Assert.Equal(ClusterSettings.DefaultGatewayPort, ports["gateway"]);
        foreach (var (probe, path) in new[] { ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready"), ("startupProbe", "/health/live") })
        {
            var get = (YamlMappingNode)((YamlMappingNode)container[probe])["httpGet"];
            Assert.Equal(path, get["path"].ToString());
            Assert.Equal("query", get["port"].ToString());
        }

        var grace = int.Parse(pod["terminationGracePeriodSeconds"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(TimeSpan.FromSeconds(grace) > ClusterSettings.DefaultShutdownTimeout, $"terminationGracePeriodSeconds {grace} leaves the silo no time to stop");
        Assert.Equal("true", ((YamlMappingNode)pod["securityContext"])["runAsNonRoot"].ToString());
        Assert.Contains(documents, d => d["kind"].ToString() == "Service");
        var secret = LoadAll(File.ReadAllText(Path.Combine(Root, "deploy", "kubernetes", "secret.example.yaml"))).Single();
        Assert.Equal("Secret", secret["kind"].ToString());
    }

    [Fact]
    public async Task Systemd_UnitVerifiesAndItsEnvironmentFileHoldsValidSettings()
    {
        var unit = Path.Combine(Root, "deploy", "systemd", "orleans-streams.service");
        var (code, _, errors) = await RunAsync("systemd-analyze", "verify", unit);
        Assert.True(code == 0 && errors.Trim().Length == 0, $"systemd-analyze verify: exit {code}\n{errors}");
        Assert.Contains($"ExecStart=/usr/bin/dotnet /opt/orleans-streams/{HostAssembly}", File.ReadAllLines(unit));
        Assert.Contains("RestartPreventExitStatus=2", File.ReadAllLines(unit)); // a bad setting: restarting cannot fix it

        var environment = File.ReadAllLines(Path.Combine(Root, "deploy", "systemd", "silo.env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        AssertValidSettings("silo.env.example", environment);
    }

    [Fact]
    public void Settings_MisspeltKeyUnderOrleansStreams_RefusedAtStartNamingTheKnownKeys()
    {
        var error = Assert.Throws<InvalidSettingException>(() => AssertValidSettings("a typo", new Dictionary<string, string>
        {
            ["OrleansStreams__Kafka__BootstrapServer"] = "kafka:9092",
        }));
        Assert.StartsWith("Invalid setting OrleansStreams:Kafka:BootstrapServer = 'kafka:9092': allowed is one of the keys BootstrapServers, GroupId,", error.Message, StringComparison.Ordinal);

        var section = Assert.Throws<InvalidSettingException>(() => AssertValidSettings("a typo", new Dictionary<string, string>
        {
            ["OrleansStreams__Kafak__BootstrapServers"] = "kafka:9092",
        }));
        Assert.StartsWith("Invalid setting OrleansStreams:Kafak = '(a section)': allowed is one of the sections Cluster, Kafka,", section.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads the settings as the silo does (environment variables, <c>__</c> for <c>:</c>) and validates every one.</summary>
    private static OrleansStreamsOptions AssertValidSettings(string source, IReadOnlyDictionary<string, string> environment)
    {
        Assert.All(environment.Keys.Where(k => k.StartsWith("OrleansStreams", StringComparison.Ordinal)), k => Assert.StartsWith("OrleansStreams__", k, StringComparison.Ordinal));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Where(e => e.Key.StartsWith("OrleansStreams__", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        var sections = new SettingSections(configuration);
        ClusterSettings.Read(sections);
        var options = new OrleansStreamsOptions();
        options.Bind(sections);
        options.Validate(sections);
        EmbeddedSettings.Read(sections, options.Kafka);
        Assert.False(string.IsNullOrEmpty(options.Kafka.BootstrapServers), $"{source} runs the embedded dev broker");
        return options;
    }

    private static Dictionary<string, string> DockerfileEnvironment()
    {
        var text = File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        return text.Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    /// <summary>A value Kubernetes fills in at run time, as the silo would see it.</summary>
    private static string Placeholder(YamlMappingNode valueFrom) =>
        valueFrom.Children.ContainsKey("fieldRef") && ((YamlMappingNode)valueFrom["fieldRef"])["fieldPath"].ToString() == "status.podIP"
            ? "10.1.2.3"
            : valueFrom.Children.ContainsKey("fieldRef")
                ? "orleans-streams-silo-7d9f8-abcde"
                : "Host=postgres;Database=orleansstreams;Username=orleansstreams;Password=from-the-secret";

    private static YamlMappingNode Load(string yaml) => LoadAll(yaml).Single();

    private static List<YamlMappingNode> LoadAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}); bash .ci/run installs it", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await errors);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansStreams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no OrleansStreams.sln above {AppContext.BaseDirectory}");
    }
}
