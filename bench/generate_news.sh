#!/usr/bin/env bash
# Synthetic Indonesian wire copy for load tests: N articles as JSON Lines,
# each 4-8 sentences built from the team's templates (actors, verbs, places,
# dates spread over 2023-2024), deterministic for a seed.
#
#   bash bench/generate_news.sh 1000 [SEED] > news.jsonl
#
# Used by tests/clickhouse/cluster_test.sh (a few thousand articles) and by
# the one-million-event ClickHouse measurement in docs/PERFORMANCE.md. The
# sentences are made up; they exercise the coder, not any evaluation set.
set -euo pipefail
n=${1:?number of articles}
seed=${2:-1}
awk -v n="$n" -v seed="$seed" '
BEGIN {
  srand(seed)
  na = split("Rusia|Ukraina|Amerika Serikat|Tiongkok|Jepang|Indonesia|Malaysia|Australia|Iran|Israel|Mesir|Turki|" \
             "India|Pakistan|Korea Selatan|Korea Utara|Prancis|Jerman|Inggris|Filipina|Vietnam|Thailand|Kamboja|" \
             "Singapura|Arab Saudi|Qatar|Brasil|Afrika Selatan|Nigeria|Kanada", actor, "|")
  nw = split("Pemerintah |Presiden |Menteri Luar Negeri |Militer |Polisi |Juru bicara pemerintah |Duta besar |", who, "|")
  nv = split("menyerang|mengecam|bertemu dengan|mengirim bantuan kemanusiaan ke|menandatangani perjanjian dengan|" \
             "menuduh|mengancam|memuji|mengusir duta besar|menjatuhkan sanksi kepada|berunding dengan|" \
             "menolak tuntutan|mengunjungi|membombardir|menangkap warga", verb, "|")
  nc = split("Jakarta|Moskow|Kyiv|Washington|Beijing|Tokyo|Kuala Lumpur|Canberra|Teheran|Kairo|Ankara|New Delhi|" \
             "Manila|Bangkok|Phnom Penh|Singapura|Riyadh|Doha|Paris|Berlin|London|Seoul", city, "|")
  ns = split("kompas.com|antaranews.com|tempo.co|detik.com|cnnindonesia.com|republika.co.id", outlet, "|")
  split("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember", month, "|")
  split("31|28|31|30|31|30|31|31|30|31|30|31", days, "|")
  for (i = 1; i <= n; i++) {
    year = 2023 + int(rand() * 2)
    m = 1 + int(rand() * 12)
    d = 1 + int(rand() * days[m])
    place = city[1 + int(rand() * nc)]
    text = sprintf("%s - ", toupper(place))
    k = 4 + int(rand() * 5)
    for (s = 1; s <= k; s++) {
      a = actor[1 + int(rand() * na)]
      do { b = actor[1 + int(rand() * na)] } while (b == a)
      w = who[1 + int(rand() * nw)]
      v = verb[1 + int(rand() * nv)]
      dd = d - int(rand() * 2); if (dd < 1) dd = 1
      if (rand() < 0.5)
        text = text sprintf("%s%s %s %s pada %d %s %d. ", w, a, v, b, dd, month[m], year)
      else
        text = text sprintf("%s%s %s %s di %s, kata pejabat setempat. ", w, a, v, b, place)
    }
    printf "{\"id\":\"gen-%d-%06d\",\"source\":\"%s\",\"date\":\"%d-%02d-%02d\",\"lang\":\"id\",\"text\":\"%s\"}\n",
           seed, i, outlet[1 + int(rand() * ns)], year, m, d, text
  }
}'
