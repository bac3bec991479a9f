#!/usr/bin/env bash
# Speed against the peers (the [english] issue's measure): kabar coding with
# the production TABARI dictionaries in ../shared (CAMEO.080612.verbs, the 2012
# actor files including CountryInfo, PSU agents), converted at load, on the
# GigaWord sample PETRARCH ships (petrarch_classic/GigaWord.sample.PETR.xml)
# repeated to at least SENTENCES sentence records (default 15,000), one thread:
#   bash bench/peer_speed.sh [path/to/kabar]
# Prints kabar's --stats line (load time, sentences/s of coding) and
# /usr/bin/time's wall clock and peak memory, then the same with kabar's own
# English dictionaries for comparison. Each sentence is one record, as TABARI
# and PETRARCH read them.
set -euo pipefail
cd "$(dirname "$0")/.."
kabar=${1:-build/kabar}
shared=${KABAR_SHARED:-../shared}
want=${SENTENCES:-15000}
dicts=$shared/eval/coders/tabari_dictionaries
sample=$shared/eval/coders/petrarch_classic/GigaWord.sample.PETR.xml
for f in "$dicts/CAMEO.080612.verbs" "$dicts/CountryInfo.120116.actors.zip" "$sample"; do
  [[ -f "$f" ]] || { echo "SKIPPED: $f absent"; exit 0; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The production dictionaries, CountryInfo unzipped (kabar reads no archives).
mkdir "$work/dict"
cp "$dicts"/*.verbs "$dicts"/*.actors "$dicts"/*.agents "$work/dict/"
unzip -q -d "$work/dict" "$dicts/CountryInfo.120116.actors.zip"

# The sample's <Text> elements, one JSON record each, repeated.
awk '/<Text>/ { inside = 1; s = ""; next }
     /<\/Text>/ { inside = 0; gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/^ +| +$/, "", s); print s; next }
     inside { s = s " " $0 }' "$sample" > "$work/sentences.txt"
per_round=$(wc -l < "$work/sentences.txt")
rounds=$(( (want + per_round - 1) / per_round ))
awk -v rounds="$rounds" '{ line[NR] = $0 }
  END { for (r = 1; r <= rounds; ++r) for (i = 1; i <= NR; ++i)
          printf "{\"id\":\"gw-%d-%d\",\"date\":\"2008-08-04\",\"lang\":\"en\",\"text\":\"%s\"}\n", r, i, line[i] }' \
  "$work/sentences.txt" > "$work/gigaword.jsonl"
echo "input: $per_round sample sentences x $rounds = $(( per_round * rounds )) records"

run() {  # label, then kabar's extra arguments
  local label=$1; shift
  /usr/bin/time -f "time: %e s wall, %M KB peak RSS" "$kabar" code -j 1 --lang en --stats "$@" \
    "$work/gigaword.jsonl" > "$work/events.jsonl" 2> "$work/log" || { cat "$work/log"; exit 1; }
  grep -E "^kabar: [0-9]+ articles|^time:" "$work/log" | sed "s|^|$label: |"
  echo "$label: $(wc -l < "$work/events.jsonl") events"
}
KABAR_CACHE_DIR=off run "TABARI production dictionaries (no cache)" --dict "tabari:$work/dict"
export KABAR_CACHE_DIR="$work/cache"  # a cache of this run's own: the first load fills it
run "TABARI production dictionaries (filling the compiled cache)" --dict "tabari:$work/dict" > /dev/null
run "TABARI production dictionaries (compiled cache)" --dict "tabari:$work/dict"
unset KABAR_CACHE_DIR
KABAR_CACHE_DIR=off run "kabar's own dictionaries (no cache)"
run "kabar's own dictionaries (compiled cache)"
