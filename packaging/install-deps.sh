#!/usr/bin/env bash
# Installs, from Debian 12's packages, exactly what CLIP Atelier needs and is missing.
# Idempotent: a second run installs nothing. Used by both README commands and by .ci/run.
#
#   --training   also the data that only training and evaluating the embedded models use, not
#                the program: openclipart-png and openclipart-svg (clip art, about 155 MB to
#                download, 340 MB installed; `train clip --clipart`, `eval clip --suite clipart`,
#                `render clipart`). Same as ATELIER_TRAINING_DATA=1. Without them those commands
#                say what to install, and their tests skip.
set -euo pipefail

training="${ATELIER_TRAINING_DATA:-0}"
for arg in "$@"; do
  case "$arg" in
    --training) training=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps: unknown option '$arg' (known: --training)" >&2; exit 2 ;;
  esac
done

packages=(
  # build tools
  cmake ninja-build g++ binutils ccache pkg-config git file dpkg-dev
  # Qt 6 (Widgets, Test, Concurrent, PrintSupport, Svg) and its translation tools
  qt6-base-dev qt6-base-dev-tools qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  qt6-svg-dev libqt6svg6 qt6-translations-l10n
  libqcustomplot-dev
  # engine: LibTorch on OpenBLAS built with OpenMP (not the pthread build: see TOOLCHAIN.md)
  libtorch-dev libopenblas0-openmp
  libopencv-dev nlohmann-json3-dev libyaml-dev libpcre2-dev libutf8proc-dev libcli11-dev zlib1g-dev
  # animation writers
  libgif-dev libwebp-dev libimagequant-dev
  # Models ▸ Get Models: downloads (HTTPS) and SHA-256
  libcurl4-openssl-dev libssl-dev
  # the Library: its index of a folder's embeddings
  libsqlite3-dev
  libxml2-dev
  # data the embedded models are trained on
  fonts-noto-color-emoji unicode-data unicode-cldr-core dataset-fashion-mnist wamerican libfreetype-dev
  # tests: headless GUI, benchmarks, metadata validation
  xvfb xauth libbenchmark-dev desktop-file-utils appstream
  # tests: the loopback HTTP server the downloads are tested against
  python3
)
if [[ "$training" == 1 ]]; then
  # training data only (clip art for the mini-CLIP): public domain drawings and their metadata
  packages+=(openclipart-png openclipart-svg)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done

if dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'installed'; then
  echo "install-deps: libopenblas0-pthread is installed; its threads fight LibTorch's, removing it" >&2
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get remove -y libopenblas0-pthread
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
