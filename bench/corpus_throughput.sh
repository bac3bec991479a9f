#!/usr/bin/env bash
# Whole-pipeline throughput on the corpora in ../shared, one thread:
#   bash bench/corpus_throughput.sh [path/to/kabar]
# Prints kabar's own --stats line (MB/s and sentences/s of coding, dictionary
# load time) and /usr/bin/time's wall clock and peak memory for each corpus.
set -uo pipefail
cd "$(dirname "$0")/.."
kabar=${1:-build/kabar}
shared=${KABAR_SHARED:-../shared}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {  # label lang file
  local label=$1 lang=$2 file=$3
  if [[ ! -f "$file" ]]; then echo "$label: SKIPPED ($file absent)"; return; fi
  /usr/bin/time -f "time: %e s wall, %M KB peak RSS" "$kabar" code -j 1 --lang "$lang" --stats "$file" > /dev/null 2> "$log"
  grep -E "^kabar: [0-9]+ articles|^time:|cannot load" "$log" | sed "s|^|$label: |"
}
run "indosum (id)" id "$shared/corpora/id/indosum_dev_all_detok.jsonl"
run "detik 2025 (id, CSV)" id "$shared/corpora/id/detik2025.csv"
run "reuters-21578 (en)" en "$shared/corpora/en/reuters21578.jsonl"
