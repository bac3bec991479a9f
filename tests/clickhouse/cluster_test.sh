#!/usr/bin/env bash
# kabar against a real two-shard ClickHouse cluster on loopback
# (scripts/clickhouse-cluster; Debian's clickhouse-server, installed by
# scripts/setup). Checks that:
#   - `kabar clickhouse init --cluster` creates the tables on both shards;
#   - the examples and a generated set, ingested twice through different
#     shards, are present exactly once (FINAL, and uniqExact over raw rows);
#   - each event lives on one shard only (the shards' local counts add up);
#   - `kabar stats` and `kabar query` print the same through the Distributed
#     tables as from SQLite on the same input;
#   - with one shard stopped, queries fail with a clear error (exit 4) unless
#     --skip-unavailable-shards is given, which answers from the other shard
#     and says the result may be partial; an ingest fails clearly (exit 4);
#   - a wrong password is refused with the server's message.
# Exit 77 (ctest SKIPPED) when clickhouse-server is not installed.
set -uo pipefail
kabar=${1:?kabar binary}
src=${2:?source dir}
if ! command -v clickhouse-server >/dev/null 2>&1 && [[ ! -x /usr/sbin/clickhouse-server && ! -x /usr/bin/clickhouse ]]; then
  echo "SKIPPED: clickhouse-server is not installed (scripts/setup installs it)"
  exit 77
fi

# Ports: the first of a few bases where all four (two HTTP, two native) and
# the serve ports are free, so two runs on one machine do not meet.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "${KABAR_CH_HTTP_BASE:-}" ]]; then
  for offset in 0 200 400 600 800; do
    h=$((28123 + offset)) t=$((29000 + offset))
    if port_free $h && port_free $((h + 1)) && port_free $t && port_free $((t + 1)) && port_free $((h + 50)) &&
       port_free $((h + 51)) && port_free $((h + 52)); then
      export KABAR_CH_HTTP_BASE=$h KABAR_CH_TCP_BASE=$t
      break
    fi
  done
  [[ -n "${KABAR_CH_HTTP_BASE:-}" ]] || { echo "FAIL: no free ports for the test cluster"; exit 1; }
fi
export KABAR_CH_TCP_BASE=${KABAR_CH_TCP_BASE:-29000}
export KABAR_CH_PASSWORD=kabar-test
work=$(mktemp -d)
cleanup() { bash "$src/scripts/clickhouse-cluster" stop "$work/cluster" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {  # check NAME EXPECTED GOT
  if [[ "$2" == "$3" ]]; then echo "ok: $1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}

mkdir -p "$work/cluster"
bash "$src/scripts/clickhouse-cluster" start "$work/cluster" || { echo "FAIL: the cluster did not start"; exit 1; }
h1=$KABAR_CH_HTTP_BASE
h2=$((KABAR_CH_HTTP_BASE + 1))
u1="clickhouse://default:kabar-test@127.0.0.1:$h1/kabar_test"
u2="clickhouse://default:kabar-test@127.0.0.1:$h2/kabar_test"
sql() {  # sql PORT QUERY
  curl -sS -u default:kabar-test "http://127.0.0.1:$1/" --data-binary "$2"
}
export KABAR_CACHE_DIR="$work/cache"

"$kabar" clickhouse init --cluster kabar "$u1" "$u2" || fail "clickhouse init"
for port in $h1 $h2; do
  check "tables on shard $port" "articles articles_local events events_local mentions mentions_local" \
    "$(sql "$port" "SELECT name FROM system.tables WHERE database = 'kabar_test' ORDER BY name" | tr '\n' ' ' | sed 's/ $//')"
done
"$kabar" clickhouse init --cluster kabar "$u1" "$u2" || fail "clickhouse init is not idempotent"

bash "$src/bench/generate_news.sh" 3000 7 >"$work/gen.jsonl"
inputs=("$src/examples" "$work/gen.jsonl")
"$kabar" ingest "${inputs[@]}" --db "$work/ref.db" -j 2 2>"$work/ingest-sqlite.log" || fail "SQLite ingest"
"$kabar" ingest "${inputs[@]}" --sink "$u1" -j 2 2>"$work/ingest1.log" || { fail "ClickHouse ingest"; cat "$work/ingest1.log"; }
# The same articles again, through the other shard: nothing may double.
"$kabar" ingest "${inputs[@]}" --sink "$u2" -j 2 2>"$work/ingest2.log" || { fail "ClickHouse re-ingest"; cat "$work/ingest2.log"; }
cat "$work/ingest1.log"

ref_events=$(sqlite3 "$work/ref.db" "SELECT COUNT(*) FROM events")
ref_articles=$(sqlite3 "$work/ref.db" "SELECT COUNT(*) FROM articles")
[[ "$ref_events" -gt 10000 ]] || fail "the generated set should give over 10,000 events, got $ref_events"
check "events once (FINAL)" "$ref_events" "$(sql $h1 "SELECT count() FROM kabar_test.events FINAL")"
check "distinct event ids over raw rows" "$ref_events" "$(sql $h2 "SELECT uniqExact(event_id) FROM kabar_test.events")"
check "mentions once" "$ref_events" "$(sql $h1 "SELECT count() FROM kabar_test.mentions FINAL")"
check "articles once" "$ref_articles" "$(sql $h2 "SELECT count() FROM kabar_test.articles FINAL")"
raw=$(sql $h1 "SELECT count() FROM kabar_test.events")
[[ "$raw" -ge "$ref_events" ]] || fail "raw rows $raw < events $ref_events"
echo "ok: raw event rows before merging: $raw (two ingests of $ref_events)"
local1=$(sql $h1 "SELECT count() FROM kabar_test.events_local FINAL")
local2=$(sql $h2 "SELECT count() FROM kabar_test.events_local FINAL")
check "shards' local events add up (each event on one shard)" "$ref_events" "$((local1 + local2))"
[[ "$local1" -gt 0 && "$local2" -gt 0 ]] || fail "one shard holds nothing: $local1 / $local2"
check "no event id on both shards" "0" \
  "$(sql $h1 "SELECT count() FROM (SELECT DISTINCT event_id FROM kabar_test.events_local) WHERE event_id IN (SELECT event_id FROM remote('127.0.0.1:$((KABAR_CH_TCP_BASE + 1))', kabar_test.events_local, 'default', 'kabar-test'))")"

# The same answers through the Distributed tables as from SQLite.
"$kabar" stats --db "$work/ref.db" | grep -v '^clusters ' >"$work/stats-sqlite.txt"
"$kabar" stats --db "$u1" >"$work/stats-ch.txt" || fail "stats over ClickHouse"
grep -q '^clusters -$' "$work/stats-ch.txt" || fail "stats over ClickHouse should show clusters as -"
grep -v '^clusters ' "$work/stats-ch.txt" >"$work/stats-ch-nc.txt"
if cmp -s "$work/stats-sqlite.txt" "$work/stats-ch-nc.txt"; then
  echo "ok: stats by day, root, quad and pair equal ($(wc -l <"$work/stats-ch-nc.txt") lines)"
else
  fail "stats differ"; diff "$work/stats-sqlite.txt" "$work/stats-ch-nc.txt" | head -20
fi
for filter in "" "--actor RUS" "--code 19 --from 2024-01-01" "--quad 1 --to 2023-06-30" "--place IDN" "--source idngov" \
              "--text Moskow --limit 50" "--target chn"; do
  # shellcheck disable=SC2086
  "$kabar" query --db "$work/ref.db" --format json $filter >"$work/q-sqlite.jsonl" || fail "query $filter on SQLite"
  # shellcheck disable=SC2086
  "$kabar" query --db "$u2" --format json $filter >"$work/q-ch.jsonl" || fail "query $filter on ClickHouse"
  [[ -s "$work/q-sqlite.jsonl" ]] || fail "query ${filter:-(all)} found nothing: the comparison would be empty"
  check "query ${filter:-(all)} same on both stores: $(wc -l <"$work/q-sqlite.jsonl") events" \
    "$(md5sum <"$work/q-sqlite.jsonl")" "$(md5sum <"$work/q-ch.jsonl")"
done
"$kabar" query --db "$work/ref.db" --format csv --code 04 >"$work/q-sqlite.csv"
"$kabar" query --db "$u1" --format csv --code 04 >"$work/q-ch.csv"
check "query --format csv same on both stores" "$(md5sum <"$work/q-sqlite.csv")" "$(md5sum <"$work/q-ch.csv")"
n=$("$kabar" query --db "$u1" --actor RUS --format json | wc -l)
[[ "$n" -gt 100 ]] || fail "query --actor RUS found only $n events"

# Following a folder into the cluster (a database of its own): two runs store
# each article once, and the checkpoint (kept beside --db) moves only after
# the cluster has the rows.
f1=${u1%/kabar_test}/kabar_follow
f2=${u2%/kabar_test}/kabar_follow
"$kabar" clickhouse init --cluster kabar "$f1" "$f2" 2>/dev/null || fail "clickhouse init of kabar_follow"
mkdir -p "$work/incoming"
head -n 40 "$work/gen.jsonl" | sed 's/"id":"gen-/"id":"follow-/' >"$work/incoming/a.jsonl"
"$kabar" ingest --follow "$work/incoming" --sink "$f1" --db "$work/follow.db" --poll 0.2 --idle-exit 1 2>"$work/follow1.log" ||
  fail "follow into ClickHouse: $(tail -2 "$work/follow1.log")"
head -n 70 "$work/gen.jsonl" | tail -n 30 | sed 's/"id":"gen-/"id":"follow-/' >>"$work/incoming/a.jsonl"
"$kabar" ingest --follow "$work/incoming" --sink "$f2" --db "$work/follow.db" --poll 0.2 --idle-exit 1 2>"$work/follow2.log" ||
  fail "follow into ClickHouse, second run: $(tail -2 "$work/follow2.log")"
check "followed articles stored once across two runs" 70 \
  "$(sql $h1 "SELECT count() FROM kabar_follow.articles FINAL WHERE id LIKE 'follow-%'")"
check "followed articles never sent twice" 70 \
  "$(sql $h1 "SELECT count() FROM kabar_follow.articles WHERE id LIKE 'follow-%'")"
[[ -f "$work/follow.db.follow" ]] || fail "no checkpoint beside --db"

# kabar serve answers the same from either store.
serve_port=$((KABAR_CH_HTTP_BASE + 50))
"$kabar" serve --db "$work/ref.db" --port "$serve_port" 2>"$work/serve-sqlite.log" &
serve_sqlite=$!
"$kabar" serve --db "$u1" --port "$((serve_port + 1))" 2>"$work/serve-ch.log" &
serve_ch=$!
for port in "$serve_port" "$((serve_port + 1))"; do
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
done
for path in "api/stats?by=root" "api/stats?by=pair" "api/events?actor=RUS&code=19&limit=200" "api/network?limit=20" \
            "api/events?text=Moskow&limit=30" "api/stats?by=day-quad&actor=RUS" "api/stats?by=country&code=19&from=2024-01-01"; do
  a=$(curl -s "http://127.0.0.1:$serve_port/$path")
  b=$(curl -s "http://127.0.0.1:$((serve_port + 1))/$path")
  [[ ${#a} -gt 50 ]] || fail "serve $path answered only: $a"
  check "serve /$path same from both stores" "$(echo "$a" | md5sum)" "$(echo "$b" | md5sum)"
done
id=$(curl -s "http://127.0.0.1:$serve_port/api/events?code=19&limit=1" | grep -o '"id":"[0-9a-f]*"' | head -1 | cut -d'"' -f4)
out=$(curl -s "http://127.0.0.1:$((serve_port + 1))/api/events/$id")
[[ "$out" == *"\"mentions\":[{\"event\":\"$id\""* && "$out" == *'"cluster":null'* ]] ||
  fail "serve /api/events/$id from ClickHouse: ${out:0:300}"
art=$(echo "$out" | grep -o '"article":"[^"]*"' | head -1 | cut -d'"' -f4)
out=$(curl -s "http://127.0.0.1:$((serve_port + 1))/api/articles/$art")
[[ "$out" == *'"annotated":false'* && "$out" == *"\"id\":\"$id\""* ]] || fail "serve /api/articles/$art from ClickHouse: ${out:0:300}"

# A wrong password: refused, with the server's reason.
out=$("$kabar" stats --db "clickhouse://default:wrong@127.0.0.1:$h1/kabar_test" 2>&1); rc=$?
check "wrong password exit code" 4 "$rc"
[[ "$out" == *"Wrong password"* && "$out" != *"wrong@"* ]] || fail "wrong password message: $out"

# One shard down.
bash "$src/scripts/clickhouse-cluster" stop-shard "$work/cluster" 2
out=$("$kabar" stats --db "$u1?retries=1&backoff=0.1" 2>&1); rc=$?
check "stats with a shard down: exit code" 4 "$rc"
[[ "$out" == *"Connection refused (127.0.0.1:$((KABAR_CH_TCP_BASE + 1)))"* ]] ||
  fail "stats with a shard down should name the shard that did not answer: $out"
echo "ok: with a shard down: $(echo "$out" | head -1 | cut -c1-160)"
out=$("$kabar" stats --db "$u1" --skip-unavailable-shards --by root 2>"$work/skip.err"); rc=$?
check "stats --skip-unavailable-shards exit code" 0 "$rc"
check "partial count is shard 1's" "$local1" "$(echo "$out" | awk '$1 == "events" {print $2}')"
grep -q "may be partial" "$work/skip.err" || fail "the partial answer is not said: $(cat "$work/skip.err")"
out=$("$kabar" query --db "$u1" --skip-unavailable-shards --format json 2>"$work/skipq.err" | wc -l)
check "query --skip-unavailable-shards rows" "$local1" "$out"
code=$(curl -s -o "$work/serve-down.json" -w '%{http_code}' "http://127.0.0.1:$((serve_port + 1))/api/stats?by=root")
check "serve with a shard down: HTTP status" 503 "$code"
grep -q '"error":".*onnection' "$work/serve-down.json" || fail "serve with a shard down: $(cat "$work/serve-down.json")"
kill "$serve_ch" "$serve_sqlite"; wait "$serve_ch" "$serve_sqlite" 2>/dev/null
"$kabar" serve --db "$u1" --skip-unavailable-shards --port "$((serve_port + 2))" 2>/dev/null &
serve_skip=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$((serve_port + 2))/api/health" >/dev/null && break; sleep 0.1; done
out=$(curl -s "http://127.0.0.1:$((serve_port + 2))/api/health")
[[ "$out" == *"\"events\":$local1,"* && "$out" == *'"partial":"results may be partial'* ]] ||
  fail "serve --skip-unavailable-shards: $out"
kill "$serve_skip"; wait "$serve_skip" 2>/dev/null
"$kabar" ingest "$src/examples" --sink "$u1?retries=1&backoff=0.1" 2>"$work/down.log"; rc=$?
check "ingest with a shard down: exit code" 4 "$rc"
grep -q "onnection" "$work/down.log" || fail "ingest with a shard down: $(cat "$work/down.log")"

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all ClickHouse cluster checks passed"
