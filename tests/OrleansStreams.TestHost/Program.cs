using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansStreams.Configuration;
using OrleansStreams.Pipelines;
using OrleansStreams.TestHost;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.AddOrleansStreams();
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var recordTo = builder.Configuration["Test:RecordTo"] ?? throw new InvalidOperationException("Test:RecordTo (a PostgreSQL connection string) is required");
builder.Services.AddSingleton(NpgsqlDataSource.Create(recordTo));
builder.Services.AddSingleton<AppliedRecordSink>();
builder.Services.AddOrleansStreamsPipeline(
    Pipeline.Create(builder.Configuration["Test:Pipeline"] ?? "ingest")
        .From(builder.Configuration["Test:Topic"] ?? "ingest-input")
        .ProcessWith<IRecordingKeyGrain>());

using var host = builder.Build();
await using (var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
await using (var create = new NpgsqlCommand(AppliedRecordSink.Schema, connection))
{
    await create.ExecuteNonQueryAsync();
}

await host.RunAsync();
return 0;
