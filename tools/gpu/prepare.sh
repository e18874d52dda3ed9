#!/usr/bin/env bash
# Runs HERE (Debian 12), never on the GPU machine. Gathers what the `torch-only` configuration
# needs beyond LibTorch, which the GPU machine (Ubuntu 24.04, PyTorch, no package registry) lacks:
# CLI11, nlohmann-json, zlib, PCRE2 (8-bit), utf8proc, libyaml, and pkgconf in case pkg-config is
# absent there. Everything lands in build/gpu-deps/ (ignored with build/), which the device tool
# carries: `carry: ["build/gpu-deps"]`, then `bash tools/gpu/run.sh` there (tools/gpu/README.md).
#
#   build/gpu-debs/            the downloaded .debs (a cache; does not travel)
#   build/gpu-deps/root/       each .deb unpacked with dpkg-deb -x (docs and manuals removed)
#   build/gpu-deps/prefix/usr/ what CMake and pkg-config are pointed at:
#       include/                         the headers
#       lib/x86_64-linux-gnu/*.a         static archives only, so find_library and pkg_check_modules
#                                        pick them and the CLI needs none of these at run time
#       lib/x86_64-linux-gnu/pkgconfig/  .pc files with prefix=${pcfiledir}/../../.. (relocatable)
#       share/pkgconfig/                 likewise, prefix=${pcfiledir}/../..
#       share/cmake/{CLI11,nlohmann_json}/  package configs (they locate themselves)
#   build/gpu-deps/tools/      bin/pkg-config (a wrapper), bin/pkgconf, lib/libpkgconf.so.3
#   build/gpu-deps/reference/  optional: OpenAI's clip/model.py and taming-transformers' modules,
#                              for tools/bench_*_reference.py, copied from CLIP_REF and TAMING_REF
#                              (a checkout or a bare git directory) when those are set
#
# Idempotent: root/, prefix/ and tools/ are rebuilt on every run, reference/CLIP or
# reference/taming-transformers when CLIP_REF or TAMING_REF is set (else what is there stays);
# .debs already in build/gpu-debs/ are reused (delete that folder for fresh ones). Fails if build/gpu-deps/ passes
# GPU_DEPS_MAX_MIB (20).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
debs=$repo/build/gpu-debs
deps=$repo/build/gpu-deps
arch=x86_64-linux-gnu
max_mib=${GPU_DEPS_MAX_MIB:-20}

# -dev packages, the runtime libraries they name, and pkgconf (binary + its library).
packages=(
  libcli11-dev nlohmann-json3-dev
  zlib1g-dev zlib1g
  libpcre2-dev libpcre2-8-0
  libutf8proc-dev libutf8proc2
  libyaml-dev libyaml-0-2
  pkgconf pkgconf-bin libpkgconf3
)
# The static archives the prefix offers, and the .pc files (under lib/<arch>/pkgconfig) for them.
archives=(libpcre2-8.a libutf8proc.a libyaml.a libz.a)
pcfiles=(libpcre2-8.pc libutf8proc.pc yaml-0.1.pc zlib.pc)

die() { echo "prepare.sh: $*" >&2; exit 1; }

# 1. Download (apt-get download needs no root; as root it warns about the _apt sandbox, harmlessly).
mkdir -p "$debs"
for p in "${packages[@]}"; do
  if compgen -G "$debs/${p}_*.deb" >/dev/null; then
    continue
  fi
  (cd "$debs" && apt-get download "$p") 2>&1 | grep -v 'unsandboxed as root' || true
  compgen -G "$debs/${p}_*.deb" >/dev/null || die "apt-get download $p gave no .deb"
done

# 2. Unpack every .deb into a fresh root/.
rm -rf "$deps/root" "$deps/prefix" "$deps/tools"
mkdir -p "$deps/root"
for p in "${packages[@]}"; do
  files=("$debs/${p}"_*.deb)
  (( ${#files[@]} == 1 )) || die "several .debs for $p in $debs (${files[*]}); delete the old ones"
  dpkg-deb -x "${files[0]}" "$deps/root"
  # shellcheck disable=SC2016  # ${Package} is dpkg-deb's, not the shell's
  echo "  $(dpkg-deb --showformat='${Package} ${Version}' -W "${files[0]}")"
done
rm -rf "$deps/root/usr/share/doc" "$deps/root/usr/share/man" "$deps/root/usr/share/lintian" \
       "$deps/root/usr/share/bug"

# 3. The prefix.
root=$deps/root/usr
pre=$deps/prefix/usr
mkdir -p "$pre/lib/$arch/pkgconfig" "$pre/share/pkgconfig" "$pre/share/cmake"
cp -a "$root/include" "$pre/include"
for a in "${archives[@]}"; do
  [[ -f $root/lib/$arch/$a ]] || die "no $a in the unpacked packages"
  cp -a "$root/lib/$arch/$a" "$pre/lib/$arch/"
done
for d in CLI11 nlohmann_json; do
  [[ -d $root/share/cmake/$d ]] || die "no CMake config for $d"
  cp -a "$root/share/cmake/$d" "$pre/share/cmake/"
done

# Rewrites a Debian .pc so that it points inside the prefix wherever the tree lands: prefix= and
# every absolute /usr/... path become ${pcfiledir}/<up>, <up> leading from the .pc's folder to usr/.
relocate_pc() {  # SRC DEST UP
  sed -E -e "s#^prefix=/usr/?\$#prefix=\${pcfiledir}/$3#" \
         -e "s#(^|[ =])(-[IL])?/usr/#\\1\\2\${pcfiledir}/$3/#g" "$1" >"$2"
  if grep -nE '(^|[ =])(-[IL])?/usr(/|$)' "$2"; then
    die "an absolute /usr path is left in $2"
  fi
}
for pc in "${pcfiles[@]}"; do
  relocate_pc "$root/lib/$arch/pkgconfig/$pc" "$pre/lib/$arch/pkgconfig/$pc" ../../..
done
for pc in CLI11.pc nlohmann_json.pc; do
  relocate_pc "$root/share/pkgconfig/$pc" "$pre/share/pkgconfig/$pc" ../..
done

# 4. pkgconf, for a host without pkg-config: the binary, its library, and a wrapper named
# pkg-config that finds the library beside it. run.sh puts tools/bin on PATH only when the host
# has no pkg-config of its own (either one reads the same PKG_CONFIG_LIBDIR).
t=$deps/tools
mkdir -p "$t/bin" "$t/lib"
cp -a "$root/bin/pkgconf" "$t/bin/pkgconf"
cp -a "$root/lib/$arch"/libpkgconf.so.3* "$t/lib/"
cat >"$t/bin/pkg-config" <<'EOF'
#!/bin/sh
# Debian 12's pkgconf, carried to a host that has no pkg-config (tools/gpu/prepare.sh).
here=$(dirname "$(readlink -f "$0")")
LD_LIBRARY_PATH="$here/../lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/pkgconf" "$@"
EOF
chmod +x "$t/bin/pkg-config"

# 5. Optional: the reference implementations tools/bench_*_reference.py load (not part of this
# project; both MIT-licensed, their licences copied beside them).
copy_from() {  # SRC(checkout or git dir) REL DEST
  if [[ -f $1/$2 ]]; then
    mkdir -p "$(dirname "$3/$2")" && cp "$1/$2" "$3/$2"
  elif git --git-dir="$1" rev-parse -q --verify HEAD >/dev/null 2>&1; then
    mkdir -p "$(dirname "$3/$2")" && git --git-dir="$1" show "HEAD:$2" >"$3/$2"
  else
    die "no $2 in $1"
  fi
}
if [[ -n ${CLIP_REF:-} ]]; then
  rm -rf "$deps/reference/CLIP"
  for f in clip/model.py LICENSE; do copy_from "$CLIP_REF" "$f" "$deps/reference/CLIP"; done
fi
if [[ -n ${TAMING_REF:-} ]]; then
  rm -rf "$deps/reference/taming-transformers"
  for f in taming/modules/diffusionmodules/model.py taming/modules/vqvae/quantize.py License.txt; do
    copy_from "$TAMING_REF" "$f" "$deps/reference/taming-transformers"
  done
fi
[[ -d $deps/reference ]] || echo "  (no CLIP_REF / TAMING_REF: the python reference benchmarks will be skipped there)"

# 6. Checks: the travelled pkgconf answers from the travelled .pc files alone, and the size.
PKG_CONFIG_LIBDIR="$pre/lib/$arch/pkgconfig:$pre/share/pkgconfig" PKG_CONFIG_PATH='' \
  "$t/bin/pkg-config" --cflags --libs libpcre2-8 libutf8proc yaml-0.1 zlib nlohmann_json CLI11 >/dev/null \
  || die "the carried pkg-config cannot read the carried .pc files"
kib=$(du -sk "$deps" | cut -f1)
printf 'build/gpu-deps: %d KiB (%s MiB), %d files\n' "$kib" "$(awk "BEGIN{printf \"%.1f\", $kib/1024}")" \
  "$(find "$deps" -type f | wc -l)"
du -sk "$deps"/* | sed 's#'"$deps"'/#  #'
(( kib <= max_mib * 1024 )) || die "build/gpu-deps is over ${max_mib} MiB"
