#!/usr/bin/env bash
# Does the matcher slow down as the dictionaries grow? Builds a copy of data/
# whose verb patterns and actor names are ten times as many (nine synthetic
# copies of every line, each word prefixed "zqK" so that every copy is a new,
# distinct entry that never occurs in news; perl does the rewriting), then codes the same corpus with
# both and prints kabar's --stats lines. Each size gets a fresh compiled-dictionary
# cache: run 1 compiles the files (and writes the cache), runs 2 and 3 read
# the cache (their load says "compiled cache"):
#   bash bench/lexicon_scale.sh [path/to/kabar] [corpus.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
kabar=${1:-build/kabar}
corpus=${2:-${KABAR_SHARED:-../shared}/corpora/id/indosum_dev_all_detok.jsonl}
[[ -f $corpus ]] || { echo "lexicon_scale: SKIPPED ($corpus absent)"; exit 0; }
big=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$big" "$cache"' EXIT
cp -r data/. "$big/"
for f in "$big"/lexicon/*/verbs/*.txt "$big"/lexicon/*/actors/*.txt; do
  for k in 1 2 3 4 5 6 7 8 9; do
    # Only the body after " : " changes; comment lines and dated office
    # lines (which continue a person) are left alone.
    perl -ne 'next if /^#/ || !/ : /; my ($h, $b) = split / : /, $_, 2;
      $b =~ s/(^|[ {|(=])(?=[^\s{}|()\$+=.\[\]])/$1zq'"$k"'/g; print "$h : $b"' "$f" >> "$f.scaled"
  done
  cat "$f.scaled" >> "$f" && rm "$f.scaled"
done
for data in data "$big"; do
  label=$([[ $data == data ]] && echo "1x " || echo "10x")
  "$kabar" dict stats --data "$data" 2>&1 | grep "^id:" | sed "s/^/$label dictionaries: /"
  export KABAR_CACHE_DIR="$cache/$label"
  for run in 1 2 3; do
    "$kabar" code -j 1 --stats --data "$data" "$corpus" 2>&1 >/dev/null | grep -E "^kabar: [0-9]+ articles" | sed "s/^/$label run $run: /"
  done
done
