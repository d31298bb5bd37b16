#!/bin/sh
# Training run for the start-up archive, called by packaging/BuildDist.java (Linux and macOS) with the JVM option
# that records the archive in JAVA_TOOL_OPTIONS. Starts the app image's launcher, waits until its window is
# visible (polled with xdotool when present, else a fixed 10 s), lets it settle for 2 s, then stops it with
# SIGTERM: the JVM writes the archive while it exits (a hard kill would not), so this waits for the exit too.
# Usage: startup-training.sh LAUNCHER
launcher=$1
"$launcher" &
pid=$!
if command -v xdotool >/dev/null 2>&1; then
  i=0
  while [ "$i" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
    if xdotool search --onlyvisible --name "Flow CRM" >/dev/null 2>&1; then
      break
    fi
    sleep 0.1
    i=$((i + 1))
  done
  sleep 2
else
  sleep 10
fi
kill "$pid" 2>/dev/null
wait "$pid"
# 143 is the launcher stopped by our SIGTERM, the expected end of a training run.
status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 143 ]
