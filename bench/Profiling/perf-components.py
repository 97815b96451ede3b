#!/usr/bin/env python3
"""Share of on-CPU samples per component, from `perf script` output on stdin.

Each sample is charged to the innermost frame that names a component (so allocation helpers, memset
and kernel time go to their caller); samples with no such frame go by thread name (GC, JIT, librdkafka),
else to "other". Record with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 so JIT frames resolve:
  perf record -F 199 -g -p <pid> -- sleep 30; perf script | bench/Profiling/perf-components.py
"""
import re
import sys
from collections import Counter

# (component, pattern on a frame's symbol or library), innermost match wins; order breaks ties in one frame.
FRAMES = [
    ("GC", re.compile(r"(WKS|SVR)::gc_heap|GCHeap::|gc_heap::")),
    ("JIT", re.compile(r"libclrjit\.so")),
    ("storage (SQLite, Npgsql, our stores)", re.compile(r"OrleansStreams\.Storage\.|Microsoft\.Data\.Sqlite|SQLitePCL|e_sqlite3|Npgsql")),
    ("window engine", re.compile(r"OrleansStreams\.Grains\.Windows\.")),
    ("partition state (keys, indexes, checkpoints)", re.compile(r"OrleansStreams\.Grains\.State\.")),
    ("committer and epoch producer", re.compile(r"OrleansStreams\.Grains\.(Committer|Kafka)\.")),
    ("results, values, aggregators (JSON)", re.compile(r"OrleansStreams\.(Pipelines|Aggregation|Values)\.|System\.Text\.Json")),
    ("our ingress (consumer loop, routing, agent)", re.compile(r"OrleansStreams\.(Ingress|Keys|Records)\.")),
    ("other OrleansStreams code", re.compile(r"OrleansStreams\.")),
    ("Confluent.Kafka managed", re.compile(r"Confluent\.Kafka")),
    ("librdkafka", re.compile(r"librdkafka")),
    ("Orleans runtime (messaging, scheduling, serialization)", re.compile(r"\bOrleans\.")),
]
THREADS = [
    ("GC", re.compile(r"GC|BGC")),
    ("JIT", re.compile(r"Tiered|JIT")),
    ("librdkafka", re.compile(r"^rdk:")),
]


def classify(comm, frames):
    for frame in frames:
        for name, pattern in FRAMES:
            if pattern.search(frame):
                return name
    for name, pattern in THREADS:
        if pattern.search(comm):
            return name
    return "other (BCL, thread pool, kernel, unresolved)"


def samples(lines):
    comm, frames = None, []
    for line in lines:
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line[0].isspace():
            comm = re.split(r"\s+\d+(/\d+)?\s", line.strip(), maxsplit=1)[0]
        else:
            frames.append(line.strip())
    if comm is not None:
        yield comm, frames


counts = Counter(classify(comm, frames) for comm, frames in samples(sys.stdin))
total = sum(counts.values())
print(f"{total} samples")
print("| area | share of CPU |")
print("| --- | ---: |")
for name, n in counts.most_common():
    print(f"| {name} | {100.0 * n / total:.1f}% |")
