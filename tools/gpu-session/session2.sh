#!/usr/bin/env bash
# Second GPU session of issue 14: TF32 off (float32 convolutions), the kit with jobs-14b.txt, JNI prebuilt.
set -u
KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${OUT:?}"; mkdir -p "$OUT"
KIT_WORK=/tmp/kw KIT_JOBS=jobs-14b.txt KIT_SKIP_ANCHOR=1 KIT_TOTAL_S="${KIT_TOTAL_S:-360}" bash "$KIT/run.sh"
