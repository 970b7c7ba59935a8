#!/usr/bin/env bash
# Issue 14's GPU session: (1) the project's tools/build-torch-jni.sh against this machine's pip torch,
# (2) the kit with jobs-14.txt, (3) the BYO folder from (1) used by the same JRE (doctor + DLG on CUDA).
set -u
KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; ROOT="$(dirname "$KIT")"
: "${OUT:?}"; mkdir -p "$OUT"
t0=$(date +%s)
{
  echo "== build-torch-jni.sh --torch-python python3 (JAVA_HOME only for jni.h)"
  JAVA_HOME="$KIT/jdkinc" timeout 200 bash "$ROOT/tools/build-torch-jni.sh" --torch-python python3 --out /tmp/byo
  echo "== rc=$? in $(( $(date +%s) - t0 )) s"; ls -la /tmp/byo 2>&1; cat /tmp/byo/env 2>&1
} > "$OUT/byo.log" 2>&1
KIT_WORK=/tmp/kw KIT_JOBS=jobs-14.txt KIT_SKIP_ANCHOR=1 KIT_TOTAL_S="${KIT_TOTAL_S:-380}" bash "$KIT/run.sh"
{
  echo "== BYO: the JRE with /tmp/byo/env (what ./gia does with GIA_LIBTORCH=/tmp/byo)"
  if [ -f /tmp/byo/env ] && [ -x /tmp/kw/jre/bin/java ]; then
    . /tmp/byo/env
    CP=$(sed "s|[^:]*|$KIT/app/&|g" "$KIT/app/classpath.txt")
    export DJL_OFFLINE=true TORCH_CPP_LOG_LEVEL=ERROR
    for args in "doctor" "run --preset quickstart-dlg --set run.device=cuda --set attack.iterations=100 --no-store --out /tmp/byo-dlg"; do
      echo "== gia $args"; s=$(date +%s)
      timeout -s INT -k 10 45 /tmp/kw/jre/bin/java $GIA_LIBTORCH_JAVA_OPTS -Dai.djl.offline=true -cp "$CP" org.giaworkbench.app.Launcher $args < /dev/null 2>&1 | grep -v "^\s*at " | tail -30
      echo "== rc=${PIPESTATUS[0]} in $(( $(date +%s) - s )) s"
    done
  else echo "skipped: no /tmp/byo/env or no JRE"; fi
  echo "== session total $(( $(date +%s) - t0 )) s"
} >> "$OUT/byo.log" 2>&1
tail -5 "$OUT/byo.log"
