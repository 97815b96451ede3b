using System.Text.Json;
using OrleansStreams.Aggregation;
using OrleansStreams.Windows;

namespace OrleansStreams.Pipelines;

/// <summary>
/// Built-in result writers: JSON objects with <c>key</c>, <c>start</c> and <c>end</c> (epoch
/// milliseconds) followed by the result's fields.
/// </summary>
public static class ResultWriters
{
    /// <summary><c>{"key","start","end","count","sum","min","max","avg"}</c> — the demo pipeline's format.</summary>
    public static IResultWriter<WindowStats> Stats { get; } = new JsonResultWriter<WindowStats>((w, r) =>
    {
        w.WriteNumber("count", r.Count);
        w.WriteNumber("sum", r.Sum);
        w.WriteNumber("min", r.Min);
        w.WriteNumber("max", r.Max);
        w.WriteNumber("avg", r.Avg);
    });

    /// <summary><c>{"key","start","end","count"}</c>.</summary>
    public static IResultWriter<long> Count { get; } = new JsonResultWriter<long>((w, r) => w.WriteNumber("count", r));

    /// <summary><c>{"key","start","end","value"}</c>.</summary>
    public static IResultWriter<double> Number { get; } = new JsonResultWriter<double>((w, r) => w.WriteNumber("value", r));

    /// <summary>A JSON writer for your own result type: it writes key, start and end, then calls <paramref name="fields"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="fields">Writes the result's properties.</param>
    /// <returns>The writer.</returns>
    public static IResultWriter<TResult> Json<TResult>(Action<Utf8JsonWriter, TResult> fields) => new JsonResultWriter<TResult>(fields);

    private sealed class JsonResultWriter<TResult>(Action<Utf8JsonWriter, TResult> fields) : IResultWriter<TResult>
    {
        // One buffer and writer per thread, reused: a window-close burst writes hundreds of thousands of results.
        [ThreadStatic]
        private static (System.Buffers.ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_cached;

        public byte[] Write(string key, TimeWindow window, TResult result)
        {
            // Taken out of the slot while in use, so a result writer that writes another result gets its own.
            var (buffer, writer) = t_cached ?? (new System.Buffers.ArrayBufferWriter<byte>(128), new Utf8JsonWriter(System.IO.Stream.Null));
            t_cached = null;
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            try
            {
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WriteNumber("start", window.Start);
                writer.WriteNumber("end", window.End);
                fields(writer, result);
                writer.WriteEndObject();
                writer.Flush();
                return buffer.WrittenSpan.ToArray();
            }
            finally
            {
                if (buffer.Capacity <= 64 * 1024)
                {
                    t_cached = (buffer, writer);
                }
            }
        }
    }
}
