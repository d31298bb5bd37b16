#!/usr/bin/env bash
# The start-up floor (README "Start-up time"): how much of the time to the sign-in window is the platform's (the JVM
# with its AOT cache, JavaFX's toolkit, a window's first CSS pass and frame) and how much is the app's. Builds two
# reduced cases on the app image's own runtime and launcher options, each with an AOT cache trained the way
# BuildDist trains the app's (packaging/startup-training.sh, the same JAVA_TOOL_OPTIONS):
#   plain  a window titled "Flow CRM" (the sign-in window's size) with one Label, no theme
#   theme  the same with AtlantaFX's Primer Light applied from init(), as the app applies it
# then measures them and the app image alternated run by run under the same load (measure-startup.sh --each;
# MEASURE_PAINT=1 adds the first painted frame, MEASURE_ENV the app's environment, both passed through).
# The cases live in a temporary directory and are never part of the image.
# Usage: packaging/startup-floor.sh [RUNS] [APP_IMAGE]      defaults: 7 target/dist/FlowCRM
#        FLOOR_DIR=DIR packaging/startup-floor.sh ...   keeps the cases in DIR and reuses them when they are there
#        (RUNS 0: only build them)
# Needs: a JDK 21+ javac (JAVAC, else the Temurin 25 under /usr/lib/jvm, else javac on PATH), the JavaFX 21 jars
# in ~/.m2 (any `mvn` build fetched them), xvfb-run and xdotool.
set -euo pipefail
runs=${1:-7}
app_image=$(readlink -f "${2:-target/dist/FlowCRM}")
here=$(dirname "$(readlink -f "$0")")
[ -x "$app_image/bin/FlowCRM" ] || { echo "No app image in $app_image (mvn -B -Pdist package -DskipTests -Ddist.installers=none)" >&2; exit 1; }
javac=${JAVAC:-$(ls /usr/lib/jvm/temurin-2[5-9]*/bin/javac 2>/dev/null | head -1)}
javac=${javac:-javac}
fx=$(ls "$HOME"/.m2/repository/org/openjfx/javafx-{base,graphics,controls}/21*/javafx-*-21*-linux.jar | sort -V | tail -3 | paste -sd:)
atlantafx=$(ls "$app_image"/lib/app/lib/atlantafx-base-*.jar)

if [ -n "${FLOOR_DIR:-}" ]; then
  work=$(mkdir -p "$FLOOR_DIR" && readlink -f "$FLOOR_DIR")
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/classes"
"$javac" -q --release 21 -cp "$fx:$atlantafx" -d "$work/classes" "$here/startup-floor/FloorMain.java" 2>/dev/null \
  || "$javac" --release 21 -cp "$fx:$atlantafx" -d "$work/classes" "$here/startup-floor/FloorMain.java"
for mode in plain theme; do
  case=$work/$mode
  if [ -s "$case/lib/app/flow-crm.aot" ]; then
    echo "$mode: reusing $case"
    continue
  fi
  rm -rf "$case"
  mkdir -p "$case/bin" "$case/lib/app"
  ln -s "$app_image/lib/runtime" "$case/lib/runtime"
  (cd "$work/classes" && "$(dirname "$javac")/jar" --create --file "$case/lib/app/floor.jar" .)
  cp "$atlantafx" "$case/lib/app/atlantafx-base.jar"
  # the app's launcher script with its options, its class path and main class replaced
  sed -E -e "s#^    -cp .*#    -cp \"\$app/floor.jar:\$app/atlantafx-base.jar\" \\\\#" \
      -e "s#'com.flowcrm.app.Main'#FloorMain $mode#" "$app_image/bin/FlowCRM" > "$case/bin/FlowCRM"
  chmod +x "$case/bin/FlowCRM"
  # BuildDist trains before the launcher maps a cache (a JVM takes AOTCache or AOTCacheOutput, not both)
  mv "$case/bin/FlowCRM" "$case/bin/FlowCRM.with-cache"
  grep -v -- '-XX:AOTCache=' "$case/bin/FlowCRM.with-cache" > "$case/bin/FlowCRM"
  chmod +x "$case/bin/FlowCRM"
  # BuildDist's training run: the same options, the same script (window visible, 2 s, SIGTERM)
  JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTCacheOutput=$case/lib/app/flow-crm.aot -Dflow.home=$work/home" \
    xvfb-run -a -n $((200 + $$ % 500)) sh "$here/startup-training.sh" "$case/bin/FlowCRM" > "$work/$mode-training.log" 2>&1 \
    || { cat "$work/$mode-training.log" >&2; exit 1; }
  [ -s "$case/lib/app/flow-crm.aot" ] || { echo "the $mode case's training wrote no AOT cache:" >&2; cat "$work/$mode-training.log" >&2; exit 1; }
  mv "$case/bin/FlowCRM.with-cache" "$case/bin/FlowCRM"
  echo "$mode: AOT cache $(( $(stat -c %s "$case/lib/app/flow-crm.aot") / 1048576 )) MiB"
done
echo "app image: AOT cache $(( $(stat -c %s "$app_image/lib/app/flow-crm.aot") / 1048576 )) MiB"
[ "$runs" -gt 0 ] || exit 0
"$here/measure-startup.sh" --each "$runs" "$work/plain" "$work/theme" "$app_image"
