#!/usr/bin/env bash
# build-torch-jni.sh: "bring your own libtorch" for GIA Workbench.
#
# DJL 0.33.0 ships its JNI (libdjl_torch.so) only for its own libtorch 2.5.1 builds (cpu, cu124). This script
# compiles DJL 0.33.0's JNI (sources in tools/djl-jni/) with g++ against another libtorch and prepares a folder
# that the launcher uses with GIA_LIBTORCH=DIR ./gia ...
#
#   tools/build-torch-jni.sh [--torch-python PY | --libtorch DIR] [--out DIR] [options]
#
#   --torch-python PY  the torch package of this Python (e.g. a pip torch in a venv: venv/bin/python);
#                      the default when neither is given: python3
#   --libtorch DIR     a libtorch folder with include/ and lib/ (e.g. an unpacked libtorch zip; /usr works
#                      for a distribution's libtorch-dev)
#   --out DIR          the folder to fill (default ~/.gia/libtorch/<torch version>-<flavour>/)
#   --jobs N           parallel compiler runs (default: the number of cores; each needs ~1.5 GB of memory)
#   --version V, --flavor F   what DJL is told (default from torch, e.g. 2.11.0 and cu130 or cpu)
#   --keep-build       keep the scratch folder (objects and compiler logs; it is kept anyway on failure)
#   --dry-run          find the torch, the headers and the compiler flags, print them, and stop
#
# The output folder gets: links to torch's runtime libraries (only those DJL loads, never all of torch/lib),
# libdjl_torch.so, a link libcudart.so for a CUDA torch (DJL's GPU probe opens "cudart" through JNA), and
# `env`, a bash file to source: PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR, LD_LIBRARY_PATH and
# GIA_LIBTORCH_JAVA_OPTS (-Djna.library.path=...). Needs g++ (C++17), a JDK (for jni.h), torch's C++ headers
# and, for a CUDA torch, the CUDA runtime headers (nvcc's, CUDA_HOME's or the nvidia pip wheels').
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/djl-jni"
ME="build-torch-jni"
T_START=$(date +%s)

die() { echo "$ME: error: $*" >&2; exit 1; }
say() { echo "== $* ($(( $(date +%s) - T_START )) s)"; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

PY="" LIBTORCH="" OUT="" JOBS="" VER_OVERRIDE="" FLAVOR_OVERRIDE="" KEEP=0 DRY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --torch-python|--libtorch|--out|--jobs|--version|--flavor)
      [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"
      case "$1" in
        --torch-python) PY="$2";; --libtorch) LIBTORCH="$2";; --out) OUT="$2";;
        --jobs) JOBS="$2";; --version) VER_OVERRIDE="$2";; --flavor) FLAVOR_OVERRIDE="$2";;
      esac; shift 2;;
    --torch-python=*) PY="${1#*=}"; shift;;
    --libtorch=*) LIBTORCH="${1#*=}"; shift;;
    --out=*) OUT="${1#*=}"; shift;;
    --jobs=*) JOBS="${1#*=}"; shift;;
    --keep-build) KEEP=1; shift;;
    --dry-run) DRY=1; shift;;
    -h|--help) usage; exit 0;;
    *) die "unknown argument '$1' (see --help)";;
  esac
done
[ -n "$PY" ] && [ -n "$LIBTORCH" ] && die "give either --torch-python or --libtorch, not both"
[ -z "$PY" ] && [ -z "$LIBTORCH" ] && PY=python3
[ -z "$JOBS" ] && JOBS=$(nproc 2>/dev/null || echo 2)
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number, not '$JOBS'"

# ---------------------------------------------------------------- tools: g++, the JNI sources, jni.h
command -v g++ > /dev/null || die "g++ not found: install a C++17 compiler (Debian/Ubuntu: apt-get install g++)"
[ -f "$SRC/ai_djl_pytorch_jni_cache.cc" ] && [ -f "$SRC/include/ai_djl_pytorch_jni_PyTorchLibrary.h" ] \
  || die "DJL's JNI sources are missing from $SRC"
JDK=""
for d in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
  [ -n "$d" ] && [ -f "$d/include/jni.h" ] && [ -f "$d/include/linux/jni_md.h" ] && { JDK="$d"; break; }
done
[ -n "$JDK" ] || die "no jni.h found: install a JDK (not only a JRE) and put javac on PATH or set JAVA_HOME"

# ---------------------------------------------------------------- the torch: facts as shell variables
# TORCH_INC (headers), TL (libraries), SITE (site-packages, for the nvidia wheels), TORCH_VER, TORCH_CUDA
# (e.g. 12.4, empty for a CPU torch), ABI (_GLIBCXX_USE_CXX11_ABI), WHAT (for the messages)
SITE="" TORCH_CUDA="" ABI=""
if [ -n "$PY" ]; then
  command -v "$PY" > /dev/null || die "Python '$PY' not found (--torch-python)"
  say "asking $PY for its torch"
  facts=$("$PY" - 2>&1 <<'EOF'
import os, shlex, sys
try:
    import torch
except Exception as e:
    print(f"IMPORT_ERROR={shlex.quote(repr(e))}")
    sys.exit(0)
d = os.path.dirname(os.path.abspath(torch.__file__))
hip = getattr(torch.version, "hip", None)
facts = {
    "TORCH_DIR": d, "TORCH_INC": os.path.join(d, "include"), "TL": os.path.join(d, "lib"),
    "SITE": os.path.dirname(d), "TORCH_VER": torch.__version__, "TORCH_CUDA": torch.version.cuda or "",
    "TORCH_HIP": hip or "", "ABI": str(int(torch._C._GLIBCXX_USE_CXX11_ABI)), "PYEXE": sys.executable,
}
for k, v in facts.items():
    print(f"{k}={shlex.quote(str(v))}")
EOF
  ) || die "$PY failed: $(echo "$facts" | tail -3)"
  grep -q '^[A-Z_]*=' <<< "$facts" || die "$PY did not answer: $(echo "$facts" | tail -3)"
  eval "$(grep '^[A-Z_]*=' <<< "$facts")"
  [ -z "${IMPORT_ERROR:-}" ] || die "$PY cannot import torch: $IMPORT_ERROR"
  [ -z "$TORCH_HIP" ] || die "torch $TORCH_VER is a ROCm build: DJL's JNI supports CPU and CUDA torch only"
  WHAT="torch $TORCH_VER of $PYEXE"
  [ -f "$TORCH_INC/torch/csrc/api/include/torch/torch.h" ] || die "torch $TORCH_VER of $PYEXE has no C++ headers" \
    "($TORCH_INC/torch/csrc/api/include/torch/torch.h is missing; a distribution's torch may keep them in a" \
    "separate package, e.g. Debian's libtorch-dev)"
else
  [ -d "$LIBTORCH" ] || die "--libtorch $LIBTORCH: no such folder"
  LIBTORCH="$(cd "$LIBTORCH" && pwd)"
  TORCH_INC="$LIBTORCH/include"
  [ -f "$TORCH_INC/torch/csrc/api/include/torch/torch.h" ] \
    || die "--libtorch $LIBTORCH has no headers ($TORCH_INC/torch/csrc/api/include/torch/torch.h is missing)"
  TL=""
  for d in "$LIBTORCH/lib" "$LIBTORCH/lib64" "$LIBTORCH/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"; do
    [ -e "$d/libtorch.so" ] && { TL="$d"; break; }
  done
  [ -n "$TL" ] || die "--libtorch $LIBTORCH has no lib/libtorch.so"
  TORCH_VER=""
  [ -f "$LIBTORCH/build-version" ] && TORCH_VER="$(head -1 "$LIBTORCH/build-version")"   # e.g. 2.5.1+cu124
  if [ -z "$TORCH_VER" ]; then
    vh="$TORCH_INC/torch/csrc/api/include/torch/version.h"
    TORCH_VER="$(sed -n 's/^#define TORCH_VERSION_MAJOR \([0-9]*\).*/\1/p' "$vh").$(sed -n \
      's/^#define TORCH_VERSION_MINOR \([0-9]*\).*/\1/p' "$vh").$(sed -n 's/^#define TORCH_VERSION_PATCH \([0-9]*\).*/\1/p' "$vh")"
  fi
  case "$TORCH_VER" in *+cu[0-9]*) c="${TORCH_VER##*+cu}"; TORCH_CUDA="${c%?}.${c: -1}";; esac
  [ -z "$TORCH_CUDA" ] && [ -e "$TL/libtorch_cuda.so" ] && TORCH_CUDA="?"   # from the CUDA headers below
  [ -e "$TL/libtorch_hip.so" ] && die "$LIBTORCH is a ROCm libtorch: DJL's JNI supports CPU and CUDA only"
  # the C++ ABI: TorchConfig.cmake says it; else libc10's symbols do
  cfg=$(ls "$LIBTORCH"/share/cmake/Torch/TorchConfig.cmake "$TL"/cmake/Torch/TorchConfig.cmake 2>/dev/null | head -1 || true)
  [ -n "$cfg" ] && ABI=$(sed -n 's/.*_GLIBCXX_USE_CXX11_ABI=\([01]\).*/\1/p' "$cfg" | head -1)
  if [ -z "$ABI" ]; then
    if ! nm -D --defined-only "$TL/libc10.so" > /dev/null 2>&1; then ABI=1   # cannot tell: today's default
    elif grep -q '__cxx11' < <(nm -D --defined-only "$TL/libc10.so"); then ABI=1; else ABI=0; fi
  fi
  WHAT="libtorch $TORCH_VER in $LIBTORCH"
fi
for f in libtorch.so libtorch_cpu.so libc10.so; do
  [ -e "$TL/$f" ] || die "$WHAT: $TL/$f is missing"
done

# ---------------------------------------------------------------- CUDA headers and runtime (CUDA torch only)
CUDA_INC="" CUDART=""
if [ -n "$TORCH_CUDA" ]; then
  # a pip torch's own nvidia wheels first (cu12: cuda_runtime/, cu13: cu13/), then CUDA_HOME, where nvcc looks
  # (it may be a wrapper), the usual places
  nvinc=$(timeout 20 nvcc -v --dryrun -x cu /dev/null -o /dev/null 2>&1 | sed -n 's/^#\$ INCLUDES="\(.*\)"/\1/p' \
          | tr ' ' '\n' | sed -n 's/^"\{0,1\}-I//p' | tr -d '"' || true)
  for d in ${SITE:+"$SITE"/nvidia/cu[0-9]*/include "$SITE"/nvidia/cuda_runtime/include} ${CUDA_HOME:+"$CUDA_HOME/include"} \
           ${CUDA_PATH:+"$CUDA_PATH/include"} $nvinc /usr/local/cuda/include /usr/local/cuda-[0-9]*/include \
           /usr/local/cuda-[0-9]*/targets/x86_64-linux/include /usr/include; do
    [ -f "$d/cuda_runtime_api.h" ] && { CUDA_INC="$d"; break; }
  done
  [ -n "$CUDA_INC" ] || die "$WHAT is a CUDA build, but no CUDA runtime headers (cuda_runtime_api.h) were found:" \
    "install the CUDA toolkit (or, for a pip torch, the nvidia-cuda-runtime wheel of its CUDA version), or set CUDA_HOME"
  if [ "$TORCH_CUDA" = "?" ]; then   # libtorch without build-version: the headers' CUDART_VERSION, e.g. 12040 -> 12.4
    cv=$(sed -n 's/^#define CUDART_VERSION *\([0-9]*\).*/\1/p' "$CUDA_INC/cuda_runtime_api.h" | head -1)
    [ -n "$cv" ] && TORCH_CUDA="$(( cv / 1000 )).$(( cv % 1000 / 10 ))" || TORCH_CUDA="unknown"
  fi
  # the CUDA runtime torch uses: the wheels' or libtorch's own first, then the toolkit's
  CUDART=$(ls ${SITE:+"$SITE"/nvidia/*/lib/libcudart.so.[0-9]*} "$TL"/libcudart*.so* /usr/local/cuda/lib64/libcudart.so.[0-9]* \
           /usr/local/cuda-[0-9]*/lib64/libcudart.so.[0-9]* /usr/local/cuda-[0-9]*/targets/x86_64-linux/lib/libcudart.so.[0-9]* \
           /usr/lib/x86_64-linux-gnu/libcudart.so.[0-9]* 2>/dev/null | head -1 || true)
  [ -n "$CUDART" ] || echo "$ME: warning: no libcudart.so.N found: DJL will not see the GPU (it probes cudart through JNA)" >&2
fi

# what DJL is told: 2.11.0+cu130 -> 2.11.0; 1.13.0a0 -> 1.13.0; cpu or cuXYZ
VER="${VER_OVERRIDE:-$(echo "$TORCH_VER" | grep -o '^[0-9]*\.[0-9]*\.[0-9]*' || true)}"
[ -n "$VER" ] || die "cannot tell the version of $WHAT: give --version X.Y.Z"
if [ -n "$FLAVOR_OVERRIDE" ]; then FLAVOR="$FLAVOR_OVERRIDE"
elif [ -z "$TORCH_CUDA" ]; then FLAVOR=cpu
else FLAVOR="cu$(echo "$TORCH_CUDA" | tr -d .)"; fi

# ---------------------------------------------------------------- the output folder
[ -n "$OUT" ] || OUT="$HOME/.gia/libtorch/$VER-$FLAVOR"
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && ! head -1 "$OUT/env" 2>/dev/null | grep -q "^# gia libtorch"; then
  die "--out $OUT exists, is not empty and was not made by this script: choose another folder"
fi
OUT="$(realpath -m "$OUT")"   # made when the build has succeeded
case "$OUT" in *[[:space:]]*) die "--out '$OUT' has blanks: the JVM options cannot carry them; choose another folder";; esac

say "$WHAT -> DJL sees PYTORCH_VERSION=$VER PYTORCH_FLAVOR=$FLAVOR (C++ ABI $ABI)"
echo "   headers $TORCH_INC; libraries $TL${CUDA_INC:+; CUDA headers $CUDA_INC}"
echo "   g++: $(g++ --version | head -1); jni.h from $JDK; output $OUT"

# ---------------------------------------------------------------- compile (g++, $JOBS at a time)
B="$(mktemp -d -t gia-torch-jni.XXXXXX)"
trap '[ "$KEEP" = 1 ] || rm -rf "$B"' EXIT   # kept with --keep-build or after a failed build
mkdir -p "$B/obj" "$B/log"
INC="-I$TORCH_INC -I$TORCH_INC/torch/csrc/api/include -I$SRC/include -I$SRC/api -I$SRC -I$JDK/include -I$JDK/include/linux"
DEFS="-D_GLIBCXX_USE_CXX11_ABI=${ABI:-1}"
FLAGS="-O2 -fPIC -fmax-errors=30 -Wno-deprecated-declarations -Wno-deprecated"
if [ -n "$TORCH_CUDA" ]; then
  INC="$INC -I$CUDA_INC"
  if [ -n "$SITE" ]; then for d in "$SITE"/nvidia/*/include; do [ -d "$d" ] && INC="$INC -idirafter $d"; done; fi
  DEFS="$DEFS -DUSE_CUDA"
  # inference.cc calls torch::cuda::is_available() but includes only torch/script.h, which no longer
  # declares it in recent torch headers
  FLAGS="$FLAGS -include torch/cuda.h"
fi
# DJL's switches for torch 1.x (its sources are made for torch 2.x; older ones are best effort)
case "$VER" in 1.10.*) DEFS="$DEFS -DV1_10_X";; 1.11.*) DEFS="$DEFS -DV1_11_X";; 1.12.*|1.13.*) DEFS="$DEFS -DV1_13_X";; esac
case "$VER" in 0.*|1.*) echo "   note: DJL 0.33.0's JNI is made for torch 2.x; torch $VER is best effort";; esac
# does <torch/torch.h> want C++20 (recent torch)? a #error shows in the preprocessor
STD=c++17
if ! echo '#include <torch/torch.h>' | g++ -std=c++17 $DEFS $INC -E -x c++ - -o /dev/null > "$B/probe.log" 2>&1; then
  if grep -q 'No such file' "$B/probe.log"; then
    die "torch's headers do not preprocess: $(grep -m1 'No such file' "$B/probe.log")"
  fi
  STD=c++20; echo "   <torch/torch.h> wants more than C++17: compiling with C++20 first"
fi
if [ "$DRY" = 1 ]; then
  echo "   g++ -std=$STD $FLAGS $DEFS $INC -c FILE.cc"
  echo "   link: -L$TL$(for l in torch torch_cpu torch_cuda c10 c10_cuda; do [ -e "$TL/lib$l.so" ] && printf ' -l%s' "$l"; done)${CUDART:+ $CUDART}"
  say "dry run: nothing compiled, $OUT left as it was"; exit 0
fi
export INC DEFS FLAGS B
compile() {  # compile FILE STD -> "rc name std seconds"
  local n t0; n=$(basename "$1" .cc); t0=$(date +%s)
  if g++ -std="$2" $FLAGS $DEFS $INC -c "$1" -o "$B/obj/$n.o" > "$B/log/$n.$2.log" 2>&1; then echo "0 $n $2 $(( $(date +%s) - t0 ))"
  else echo "1 $n $2 $(( $(date +%s) - t0 ))"; fi
}
export -f compile
run_pass() {  # run_pass STD STATUSFILE FILES...: compiles in parallel, prints progress
  local std="$1" st="$2" total i=0 rc n s secs; shift 2; total=$#
  : > "$st"
  printf '%s\n' "$@" | xargs -P "$JOBS" -I{} bash -c 'compile "$1" "$2"' _ {} "$std" |
  while read -r rc n s secs; do
    i=$((i + 1)); echo "$rc $n $s" >> "$st"; n="${n#ai_djl_pytorch_jni_}"; n="${n#PyTorchLibrary_}"
    if [ "$rc" = 0 ]; then printf '   [%2d/%d] ok     %-22s %s %4d s\n' "$i" "$total" "$n" "$s" "$secs"
    else printf '   [%2d/%d] FAILED %-22s %s %4d s\n' "$i" "$total" "$n" "$s" "$secs"; fi
  done
}
files=("$SRC"/*.cc)
say "compiling ${#files[@]} files with g++ -std=$STD, $JOBS at a time (scratch $B)"
t0=$(date +%s)
run_pass "$STD" "$B/status1" "${files[@]}"
mapfile -t failed < <(awk -v s="$SRC" '$1 != 0 {print s"/"$2".cc"}' "$B/status1")
say "pass 1: ${#failed[@]} of ${#files[@]} failed in $(( $(date +%s) - t0 )) s"
if [ ${#failed[@]} -gt 0 ]; then
  ALT=c++20; [ "$STD" = c++20 ] && ALT=c++17
  # missing cuBLAS/cuSPARSE/cuSOLVER headers: the stub CUDAContext.h (see djl-jni/SOURCE.md)
  if grep -qE "fatal error: cu(blas|sparse|solver|blasLt)[A-Za-z_0-9]*\.h" "$B"/log/*.log; then
    INC="-I$SRC/stub $INC"; echo "   retry with -I$SRC/stub (CUDA library headers missing)"
  fi
  if grep -q "cuda_cmake_macros.h: No such file" "$B"/log/*.log; then
    DEFS="$DEFS -DC10_CUDA_NO_CMAKE_CONFIGURE_FILE"; echo "   retry with -DC10_CUDA_NO_CMAKE_CONFIGURE_FILE"
  fi
  export INC DEFS
  t0=$(date +%s)
  run_pass "$ALT" "$B/status2" "${failed[@]}"
  mapfile -t failed < <(awk -v s="$SRC" '$1 != 0 {print s"/"$2".cc"}' "$B/status2")
  say "pass 2 ($ALT, the failed files only): ${#failed[@]} still failed in $(( $(date +%s) - t0 )) s"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "$ME: error: ${#failed[@]} file(s) do not compile against $WHAT; first errors:" >&2
    for f in "${failed[@]}"; do
      n=$(basename "$f" .cc); { grep -m4 'error' "$B/log/$n.$ALT.log" || true; } | sed "s|^|   $n: |" >&2
    done
    echo "   compiler logs kept in $B/log" >&2; KEEP=1
    exit 1
  fi
fi

# ---------------------------------------------------------------- link and check
libs=()
for l in torch torch_cpu torch_cuda torch_cuda_cpp torch_cuda_cu c10 c10_cuda; do
  [ -e "$TL/lib$l.so" ] && libs+=("-l$l")
done
say "linking libdjl_torch.so (${libs[*]}${CUDART:+ $CUDART})"
g++ -shared -o "$B/libdjl_torch.so" "$B"/obj/*.o -L"$TL" -Wl,--no-as-needed "${libs[@]}" ${CUDART:+"$CUDART"} \
    -Wl,--as-needed -Wl,-rpath,"$TL" > "$B/log/link.log" 2>&1 \
  || { echo "$ME: error: linking failed:" >&2; head -20 "$B/log/link.log" >&2; echo "   logs kept in $B/log" >&2; KEEP=1; exit 1; }
# the folders the linked libraries need at run time ($ORIGIN of the links below is $OUT, not torch/lib)
LDP="$TL"; JNA="$OUT"
if [ -n "$SITE" ] && [ -n "$TORCH_CUDA" ]; then
  for d in $(find "$SITE/nvidia" -maxdepth 3 -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u); do LDP="$LDP:$d"; JNA="$JNA:$d"; done
fi
[ -n "$CUDART" ] && case ":$LDP:" in *":$(dirname "$CUDART"):"*) ;; *) LDP="$LDP:$(dirname "$CUDART")";; esac
case "$JNA" in *[[:space:]]*) die "a library folder has blanks ($JNA): the JVM option -Djna.library.path cannot carry them";; esac
LD_LIBRARY_PATH="$LDP${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd -r "$B/libdjl_torch.so" > "$B/log/ldd.txt" 2>&1 || true
nund=$(grep -c 'undefined symbol' "$B/log/ldd.txt" || true); nnf=$(grep -c 'not found' "$B/log/ldd.txt" || true)
if [ "$nund" != 0 ] || [ "$nnf" != 0 ]; then
  echo "$ME: error: the built libdjl_torch.so does not resolve against $WHAT ($nund undefined symbols," \
       "$nnf libraries not found):" >&2
  grep 'undefined symbol\|not found' "$B/log/ldd.txt" | head -10 | c++filt >&2
  echo "   logs kept in $B/log" >&2; KEEP=1; exit 1
fi
say "ldd -r: all symbols resolve ($(du -k "$B/libdjl_torch.so" | cut -f1) KiB)"

# ---------------------------------------------------------------- fill the output folder
# DJL System.load()s every *.so under PYTORCH_LIBRARY_PATH's folder (libtorch.so, torch_cpu, ... last) and
# takes the JNI from <folder>/libdjl_torch.so: only the runtime libraries go in, never all of torch/lib
# (test and Python libraries there must not be loaded).
mkdir -p "$OUT"
find "$OUT" -mindepth 1 -maxdepth 1 \( -name '*.so' -o -name '*.so.*' -o -name env \) -exec rm -f {} +
n=0
for f in "$TL"/libtorch.so "$TL"/libtorch_cpu.so "$TL"/libtorch_cuda.so "$TL"/libtorch_cuda_cpp.so "$TL"/libtorch_cuda_cu.so \
         "$TL"/libtorch_cuda_linalg.so "$TL"/libtorch_global_deps.so "$TL"/libc10.so "$TL"/libc10_cuda.so \
         "$TL"/libcaffe2_nvrtc.so "$TL"/libgomp*.so*; do
  [ -e "$f" ] && { ln -s "$f" "$OUT/"; n=$((n + 1)); }
done
cp "$B/libdjl_torch.so" "$OUT/libdjl_torch.so"
[ -n "$CUDART" ] && ln -s "$CUDART" "$OUT/libcudart.so"
{
  echo "# gia libtorch env: made by tools/build-torch-jni.sh on $(date -u +%FT%TZ); source it (bash), or use GIA_LIBTORCH=$OUT ./gia"
  echo "# from $WHAT; g++ -std=$STD, C++ ABI $ABI${CUDA_INC:+, CUDA headers $CUDA_INC}"
  printf 'GIA_LIBTORCH_DESC=%q\n' "$WHAT, DJL sees $VER-$FLAVOR"
  printf 'export PYTORCH_LIBRARY_PATH=%q\n' "$OUT"
  printf 'export PYTORCH_VERSION=%q\n' "$VER"
  printf 'export PYTORCH_FLAVOR=%q\n' "$FLAVOR"
  printf 'export LD_LIBRARY_PATH=%q"${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\n' "$LDP"
  echo "# JVM options for java (DJL's GPU probe opens libcudart.so through JNA):"
  printf 'GIA_LIBTORCH_JAVA_OPTS=%q\n' "-Djna.library.path=$JNA"
} > "$OUT/env"
if [ "$KEEP" = 1 ]; then echo "   scratch folder kept: $B"; fi
say "done: $OUT ($n torch libraries linked, libdjl_torch.so${CUDART:+, libcudart.so}, env)"
echo "   use it:  GIA_LIBTORCH=$OUT ./gia ..."
