#!/usr/bin/env bash
# The long exactly-once soak (not part of CI): 3 silos, 1,000,000 records, a random silo killed
# with SIGKILL every 5 s and the broker restarted every minute, then the committed output is
# compared with the batch computation. Needs PostgreSQL as .ci/run sets it up.
# Knobs: SOAK_RECORDS, SOAK_RATE, SOAK_KILL_EVERY_SECONDS, SOAK_BROKER_RESTART_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet test tests/OrleansStreams.Silo.Tests -c Release --filter "Category=Soak" --logger "console;verbosity=detailed"
