#!/usr/bin/env bash
# The command-line contract (docs/FORMAT.md, "Exit codes"): each case runs the
# real binary and checks its exit code and what it says. Usage:
#   cli_test.sh PATH/TO/kabar SOURCE_DIR
set -u
kabar=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

check() {  # name expected_rc actual_rc [grep-pattern file]
  local name=$1 want=$2 got=$3
  if [[ "$got" != "$want" ]]; then
    echo "FAIL $name: exit $got, expected $want"; fail=$((fail + 1)); return
  fi
  if [[ $# -ge 5 ]] && ! grep -q -- "$4" "$5"; then
    echo "FAIL $name: '$4' not found in $(basename "$5")"; sed 's/^/  | /' "$5" | head -5; fail=$((fail + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}

printf 'JAKARTA (ANTARA) - Polisi menangkap dua demonstran di Jakarta, Selasa (4/3/2025).\n' > "$tmp/good.txt"
printf 'bad \xff byte\n' > "$tmp/bad.txt"
printf '{"id":"j1","lang":"id","date":"2025-03-04","text":"Polisi menangkap dua demonstran."}\n{oops\n' > "$tmp/mixed.jsonl"

"$kabar" code "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; check "good article exits 0" 0 $? '"code":"173"' "$tmp/out"
"$kabar" code "$tmp/good.txt" "$tmp/bad.txt" > "$tmp/out" 2> "$tmp/err"
check "invalid UTF-8 is reported with position, exit 1" 1 $? "bad.txt: invalid UTF-8 at byte 4" "$tmp/err"
grep -q '"article":"good"' "$tmp/out"; check "the good article is still coded" 0 $?
"$kabar" code "$tmp/mixed.jsonl" > "$tmp/out" 2> "$tmp/err"; check "malformed JSON line is named" 1 $? "mixed.jsonl:2: malformed JSON" "$tmp/err"
grep -q '"article":"j1"' "$tmp/out"; check "other JSON lines still coded" 0 $?
"$kabar" code "$tmp/nope.txt" > "$tmp/out" 2> "$tmp/err"; check "missing file exits 1" 1 $? "nope.txt: no such file or directory" "$tmp/err"
"$kabar" code --date 2025-02-30 "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; check "bad --date is a usage error" 2 $? "YYYY-MM-DD" "$tmp/err"
"$kabar" code --bogus > "$tmp/out" 2> "$tmp/err"; check "unknown flag is a usage error" 2 $?
# --shard: two workers' shares are disjoint and together make the whole run.
for k in 1 2 3 4 5 6 7 8; do printf '{"id":"s%d","lang":"id","date":"2025-03-04","text":"Polisi menangkap %d demonstran di Jakarta."}\n' $k $k; done > "$tmp/shards.jsonl"
"$kabar" code "$tmp/shards.jsonl" 2> "$tmp/err" | grep -o '"article":"s[0-9]*"' | sort -u > "$tmp/all"
"$kabar" code --shard 1/2 "$tmp/shards.jsonl" 2> "$tmp/err" | grep -o '"article":"s[0-9]*"' | sort -u > "$tmp/s1"
"$kabar" code --shard 2/2 "$tmp/shards.jsonl" 2> "$tmp/err" | grep -o '"article":"s[0-9]*"' | sort -u > "$tmp/s2"
[[ -s "$tmp/s1" && -s "$tmp/s2" && -z "$(comm -12 "$tmp/s1" "$tmp/s2")" && "$(sort -u "$tmp/s1" "$tmp/s2")" == "$(cat "$tmp/all")" && $(wc -l < "$tmp/all") -eq 8 ]]
check "--shard 1/2 and 2/2 split the articles between them" 0 $?
"$kabar" code --shard 3/2 "$tmp/shards.jsonl" > "$tmp/out" 2> "$tmp/err"; check "--shard beyond N is a usage error" 2 $? "I/N" "$tmp/err"
# ingest --follow: what arrives is stored once, across restarts (the checkpoint).
mkdir -p "$tmp/feed"
head -4 "$tmp/shards.jsonl" > "$tmp/feed/a.jsonl"
"$kabar" ingest --follow "$tmp/feed" --db "$tmp/follow.db" --poll 0.1 --idle-exit 0.5 > "$tmp/out" 2> "$tmp/err"
check "ingest --follow stores the folder's articles and stops when idle" 0 $? "followed .*: 4 article(s)" "$tmp/err"
tail -4 "$tmp/shards.jsonl" >> "$tmp/feed/a.jsonl"
"$kabar" ingest --follow "$tmp/feed" --db "$tmp/follow.db" --poll 0.1 --idle-exit 0.5 > "$tmp/out" 2> "$tmp/err"
check "a restart reads only what was appended" 0 $? "followed .*: 4 article(s)" "$tmp/err"
"$kabar" query --db "$tmp/follow.db" --format csv > "$tmp/out" 2> "$tmp/err"
[[ $(grep -c ',s[0-9]' "$tmp/out") -eq 8 ]]; check "eight articles stored, each once" 0 $?
"$kabar" ingest --db "$tmp/follow.db" > "$tmp/out" 2> "$tmp/err"; check "ingest without inputs or --follow is a usage error" 2 $? "--follow" "$tmp/err"
"$kabar" code --data "$tmp/nowhere" "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; check "missing dictionaries exit 3" 3 $? "cannot load dictionaries" "$tmp/err"
"$kabar" code < "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; check "stdin text article" 0 $? '"article":"stdin"' "$tmp/out"
"$kabar" code - < "$tmp/mixed.jsonl" > "$tmp/out" 2> "$tmp/err"; check "stdin JSON Lines" 1 $? '"article":"j1"' "$tmp/out"
gzip -c "$tmp/mixed.jsonl" | "$kabar" code - > "$tmp/out" 2> "$tmp/err"; check "gzip-compressed JSON Lines on stdin" 1 $? '"article":"j1"' "$tmp/out"
printf '<html><body><article><p>Polisi menangkap dua tersangka di Bekasi pada Senin malam kemarin.</p></article></body></html>' \
  | gzip | "$kabar" code - > "$tmp/out" 2> "$tmp/err"; check "a compressed web page on stdin" 0 $? '"code":"173"' "$tmp/out"
"$kabar" code -j 1 "$src/examples" > "$tmp/j1" 2>/dev/null; "$kabar" code -j 2 "$src/examples" > "$tmp/j2" 2>/dev/null
cmp -s "$tmp/j1" "$tmp/j2"; check "-j 2 writes exactly what -j 1 writes" 0 $?
"$kabar" code --format tsv "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; check "tsv has a header" 0 $? "^article	sentence	date" "$tmp/out"
"$kabar" code -o "$tmp/events.jsonl" "$tmp/good.txt" 2> "$tmp/err"; check "--output writes the file" 0 $? '"code":"173"' "$tmp/events.jsonl"
[[ ! -e "$tmp/events.jsonl.partial" ]]; check "no partial file left behind" 0 $?
# A closed pipe is not an error.
for i in $(seq 1 200); do cat "$tmp/good.txt"; done > /dev/null
( for i in $(seq 1 300); do printf '{"id":"p%d","lang":"id","text":"Polisi menangkap dua demonstran."}\n' "$i"; done ) > "$tmp/many.jsonl"
"$kabar" code "$tmp/many.jsonl" 2> "$tmp/err" | head -1 > /dev/null; check "broken pipe exits 0" 0 "${PIPESTATUS[0]}"
"$kabar" explain --lang id --date 2025-03-04 "Polisi tidak menangkap demonstran." > "$tmp/out" 2> "$tmp/err"
check "explain shows suppressed negation" 0 $? "negated" "$tmp/out"
"$kabar" ingest "$tmp/good.txt" "$tmp/mixed.jsonl" --db "$tmp/k.db" 2> "$tmp/err"; check "ingest with a bad record exits 1" 1 $? "stored 2 article" "$tmp/err"
"$kabar" ingest "$tmp/good.txt" "$tmp/mixed.jsonl" --db "$tmp/k.db" 2> "$tmp/err"
"$kabar" query --db "$tmp/k.db" > "$tmp/out"; check "query prints events" 0 $? "173" "$tmp/out"
n=$(grep -c " 173 " "$tmp/out"); [[ "$n" == 2 ]]; check "re-ingest replaces, never duplicates (2 events, got $n)" 0 $?
"$kabar" query --db "$tmp/k.db" --code 17 --format csv > "$tmp/out"; check "query filters and csv" 0 $? "^2025-03-04,IDNCOP" "$tmp/out"
"$kabar" query --db "$tmp/k.db" --text "menangkap" --format json > "$tmp/out"; check "full-text query, json lines" 0 $? '"code":"173"' "$tmp/out"
# Date bounds are independent: --from alone leaves the end open, --to alone the start.
"$kabar" query --db "$tmp/k.db" --code 17 --from 2025-01-01 --format csv > "$tmp/out"; check "--from alone is open-ended" 0 $? "^2025-03-04,IDNCOP" "$tmp/out"
"$kabar" query --db "$tmp/k.db" --code 17 --to 2025-12-31 --format csv > "$tmp/out"; check "--to alone is open-started" 0 $? "^2025-03-04,IDNCOP" "$tmp/out"
"$kabar" query --db "$tmp/k.db" --code 17 --from 2025-03-05 --format csv > "$tmp/out"; n=$(wc -l < "$tmp/out"); [[ "$n" == 1 ]]; check "--from after every event finds none (header only, got $n lines)" 0 $?
"$kabar" query --db "$tmp/k.db" --text '"broken' > "$tmp/out" 2> "$tmp/err"; check "malformed full-text query is a usage error" 2 $?
"$kabar" stats --db "$tmp/k.db" > "$tmp/out"; check "stats by root" 0 $? "by root" "$tmp/out"
"$kabar" ingest "$src/tests/data/dedup" --db "$tmp/d.db" 2> /dev/null
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/gdelt" --at 20250305120000 > "$tmp/out" 2> "$tmp/err"
check "export gdelt writes zipped events and mentions" 0 $? "20250305120000.mentions.CSV.zip" "$tmp/out"
check "export gdelt writes the GKG" 0 0 "20250305120000.gkg.csv.zip" "$tmp/gdelt/lastupdate.txt"
"$kabar" export jsonl --db "$tmp/d.db" -o "$tmp/clusters.jsonl" 2> "$tmp/err"
check "export jsonl: one line per cluster, the Kharkiv reports merged" 0 $? '"num_mentions":2,"num_sources":2,"num_articles":2' "$tmp/clusters.jsonl"
"$kabar" export jsonl --db "$tmp/missing.db" > "$tmp/out" 2> "$tmp/err"; check "export jsonl of a missing store fails, naming it" 2 $? "missing.db" "$tmp/err"
printf 'this file is text, not an SQLite database; kabar must say which file it could not read\n' > "$tmp/notdb.db"
"$kabar" export jsonl --db "$tmp/notdb.db" > "$tmp/out" 2> "$tmp/err"; check "a file that is not a store fails, naming it" 4 $? "notdb.db: " "$tmp/err"
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/gdelt" --at 2025 > "$tmp/out" 2> "$tmp/err"; check "bad --at is a usage error" 2 $?
# Incremental batches: --since-last takes only what is new; --every keeps going.
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/inc" --since-last --at 20250305120000 > "$tmp/out" 2> "$tmp/err"
check "export gdelt --since-last writes a first batch" 0 $? "last_article [1-9]" "$tmp/inc/kabar-export.state"
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/inc" --since-last --at 20250305120000 > "$tmp/out" 2> "$tmp/err"
check "a batch never replaces an earlier one" 2 $? "a new one needs a later timestamp" "$tmp/err"
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/inc" --since-last --at 20250305121500 > "$tmp/out" 2> "$tmp/err"
check "nothing new: an empty batch" 0 $? "0 events, 0 mentions, 0 GKG records" "$tmp/err"
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/every" --every 1s --batches 2 > "$tmp/out" 2> "$tmp/err"
[[ $(grep -c "mentions.CSV.zip" "$tmp/out") -eq 2 && $(grep -c "mentions.CSV.zip" "$tmp/every/masterfilelist.txt") -eq 2 ]]
check "export gdelt --every 1s --batches 2: two batches in masterfilelist.txt" 0 $?
"$kabar" export gdelt --db "$tmp/d.db" --out "$tmp/every" --every 15x > "$tmp/out" 2> "$tmp/err"; check "bad --every is a usage error" 2 $? "--every" "$tmp/err"
"$kabar" query --db "$tmp/d.db" --clusters > "$tmp/out"; check "two reports, one happening" 0 $? "2025-03-03 RUS        UKR        19   UKR            2       2        2" "$tmp/out"
"$kabar" query --db "$tmp/none.db" > "$tmp/out" 2> "$tmp/err"; check "query on a missing db is a usage error" 2 $? "no such database" "$tmp/err"
"$kabar" serve --db "$tmp/none.db" --port 0 2> "$tmp/err"; check "serve on a missing db is a usage error" 2 $? "no such database" "$tmp/err"
"$kabar" serve --db "$tmp/k.db" --skip-unavailable-shards 2> "$tmp/err"; check "serve: skipping shards needs ClickHouse" 2 $? "clickhouse://" "$tmp/err"
"$kabar" serve --db "clickhouse://u:secret@127.0.0.1:1/db?retries=0" 2> "$tmp/err"; check "serve: ClickHouse not answering" 4 $? "no answer" "$tmp/err"
! grep -q secret "$tmp/err"; check "the password is never printed" 0 $?
"$kabar" ingest "$tmp/good.txt" --sink "clickhouse://u@127.0.0.1:99999/db" 2> "$tmp/err"; check "a bad --sink URL is a usage error" 2 $? "port" "$tmp/err"
"$kabar" serve --db "$tmp/k.db" --port 0 2> "$tmp/serve.err" & spid=$!
for _ in $(seq 1 50); do grep -q "serving" "$tmp/serve.err" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.err" | head -1 | cut -d: -f2)
curl -s "http://127.0.0.1:$port/api/stats?by=root" > "$tmp/out"; check "serve answers stats" 0 $? '"by":"root","rows":\[{"key":' "$tmp/out"
"$kabar" serve --db "$tmp/k.db" --port "$port" 2> "$tmp/err"; check "serve on a port in use exits 4" 4 $? "cannot listen" "$tmp/err"
kill -TERM $spid; wait $spid; check "serve stops on SIGTERM with 0" 0 $?
"$kabar" dict check > "$tmp/out"; check "dict check" 0 $? "dictionaries OK" "$tmp/out"

# Killing ingest mid-run leaves a consistent store that a rerun completes.
n=20000
awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++)
  printf "{\"id\":\"k%d\",\"lang\":\"id\",\"date\":\"2025-03-04\",\"text\":\"Polisi menangkap dua demonstran di Jakarta. Rusia menyerang Ukraina.\"}\n", i }' > "$tmp/big.jsonl"
"$kabar" ingest -j 1 "$tmp/big.jsonl" --db "$tmp/killed.db" 2> /dev/null &
pid=$!
# Wait until some batches are committed, then kill without warning.
for i in $(seq 1 200); do
  c=$(sqlite3 "$tmp/killed.db" "SELECT COUNT(*) FROM articles;" 2> /dev/null || echo 0)
  [[ "${c:-0}" -ge 512 ]] && break
  sleep 0.02
done
kill -9 "$pid" 2> /dev/null; wait "$pid" 2> /dev/null
mid=$(sqlite3 "$tmp/killed.db" "SELECT COUNT(*) FROM articles;")
[[ "$mid" -gt 0 && "$mid" -lt $n && $((mid % 256)) -eq 0 ]]; check "killed mid-run: $mid articles, whole batches only" 0 $?
ok=$(sqlite3 "$tmp/killed.db" "PRAGMA integrity_check;")
[[ "$ok" == ok ]]; check "a killed ingest leaves an intact database" 0 $?
orphans=$(sqlite3 "$tmp/killed.db" "SELECT COUNT(*) FROM events WHERE article NOT IN (SELECT id FROM articles);")
[[ "$orphans" == 0 ]]; check "no event without its article after a kill" 0 $?
"$kabar" ingest -j 1 "$tmp/big.jsonl" --db "$tmp/killed.db" 2> /dev/null
a=$(sqlite3 "$tmp/killed.db" "SELECT COUNT(*), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM events_fts),
  (SELECT SUM(num_mentions) FROM clusters), (SELECT SUM(num_articles) FROM clusters) FROM articles;")
[[ "$a" == "$n|$((2 * n))|$((2 * n))|$((2 * n))|$((2 * n))" ]]; check "rerun completes it, clusters counted once: $a" 0 $?

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
