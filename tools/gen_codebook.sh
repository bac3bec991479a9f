#!/usr/bin/env bash
# gen_codebook.sh — regenerate kabar's CAMEO codebook and actor-code tables.
#
# Usage:  bash tools/gen_codebook.sh [REFERENCE_DIR [OUT_DIR]]
#   REFERENCE_DIR  default: ../shared/reference, relative to the repository root
#   OUT_DIR        default: data/cameo in the repository root
#
# Writes OUT_DIR/codes.tsv and OUT_DIR/actor_codes.tsv. Output is deterministic (LC_ALL=C,
# sorted), so running the script twice gives byte-identical files.
#
# Provenance of the facts (codes, numbers, names):
#   * CAMEO event codes, Goldstein scale, QuadClass and the CAMEO actor lookup tables
#     (countries, actor types, known groups, religions) come from GDELT's published lookup
#     tables (http://gdeltproject.org/data/lookups/), as staged in REFERENCE_DIR/cameo/
#     (the clean 2013 copy of CAMEO.eventcodes/goldsteinscale; see cameo/NOTES.md).
#     ISO alpha-2 and FIPS 10-4 codes are joined from GeoNames countryInfo (CC BY 4.0).
#   * The CAMEO -> PLOVER event type / mode crosswalk is CAMEO2PLOVER-2021 (P. Schrodt) from
#     github.com/openeventdata/PLOVER, licensed CC BY-SA 4.0, staged in REFERENCE_DIR/plover/.
#
# Known defects of the reference tables and how they are handled here (details in
# data/cameo/README.md):
#   * GDELT's newer CAMEO.eventcodes.txt merges codes 1056 and 106 on one line and has
#     mojibake in 044: we read the clean 2013 labels, and refuse (exit 1) any code that is not
#     2-4 digits, any name that is not printable ASCII or that embeds another "NNN:" code,
#     so such damage cannot slip through.
#   * Label typos fixed: "matyerial" -> "material" (033), "radiologicalweapons" ->
#     "radiological weapons" (2041), "Columbia" -> "Colombia" (COL), "Runion" -> "Reunion"
#     (REU), "?s" -> "'s" (lost apostrophes in KID, NEP). Whitespace is normalised everywhere.
#   * GDELT labels for 101, 103, 105-108 follow an older CAMEO draft and differ from CAMEO
#     1.1b3, which the PLOVER crosswalk uses. We keep GDELT's names and Goldstein values and
#     take the PLOVER mapping by code number; the mismatch is documented, not encoded.
#   * The crosswalk lists root 08 twice (CONCEDE and RETREAT): the first row wins (CONCEDE,
#     which is also what 080 "Yield, not specified below" maps to). Crosswalk rows for codes
#     absent from GDELT (1213, 1214) are ignored. "(dropped)" (roots 01, 02) becomes empty.
#   * CAMEO legacy country codes ROM, TMP, MTN, IMY (not ISO alpha-3) are countries, not
#     regions: they get kind "country" and the ISO2/FIPS of ROU, TLS, MNE, IMN.
#   * Duplicate known-group codes (CEM twice for two bodies, WTO twice) give one line per code:
#     a label that is a prefix of another is dropped, the rest are joined with " / ".
#   * Ethnic codes (lower-case) are not actor units of kabar and are not written.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
ref=${1:-$repo/../shared/reference}
out=${2:-$repo/data/cameo}

die() { echo "gen_codebook: $*" >&2; exit 1; }

for f in cameo/cameo_eventcodes.tsv cameo/cameo_countries.tsv cameo/cameo_actor_types.tsv \
         cameo/cameo_knowngroups.tsv cameo/cameo_religions.tsv \
         cameo/geonames_countryInfo_iso_fips.tsv plover/cameo2plover.tsv; do
  [[ -r $ref/$f ]] || die "missing $ref/$f"
done

mkdir -p "$out"
tmp=$(mktemp -d "$out/.gen_codebook.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Shared awk helpers: column lookup by header name, whitespace normalisation.
# shellcheck disable=SC2016  # awk program text, not shell expansions
awk_lib='
function norm(s) { gsub(/[ \t\r\n]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
function fail(m) { printf "gen_codebook: %s:%d: %s\n", FILENAME, FNR, m > "/dev/stderr"; failed = 1; exit 1 }
function header(names,   n, i, want) {
  split("", col)
  for (i = 1; i <= NF; i++) col[norm($i)] = i
  n = split(names, want, " ")
  for (i = 1; i <= n; i++) if (!(want[i] in col)) fail("no column \"" want[i] "\" in header")
}
function f(name) { return norm($(col[name])) }
function ascii(s) { return s !~ /[^ -~]/ }
'

# ---------------------------------------------------------------- codes.tsv
awk -F'\t' "$awk_lib"'
FNR == 1 { nfile++
           if (nfile == 1) header("cameo_code plover_event plover_mode")
           else header("EventCode level EventRootCode description GoldsteinScale QuadClass plover_event")
           next }
/^[ \t\r]*$/ { next }
nfile == 1 {                                    # PLOVER crosswalk
  c = f("cameo_code"); t = toupper(f("plover_event")); m = f("plover_mode")
  if (t == "(DROPPED)") t = ""
  if (c in ptype) {
    if (ptype[c] != t || pmode[c] != m)
      printf "gen_codebook: note: crosswalk maps %s twice (%s/%s, %s/%s); keeping the first\n", c, ptype[c], pmode[c], t, m > "/dev/stderr"
    next
  }
  ptype[c] = t; pmode[c] = m; xorder[++nx] = c
  next
}
{                                               # GDELT event codes
  code = f("EventCode")
  if (code !~ /^[0-9][0-9][0-9]?[0-9]?$/) fail("bad event code \"" code "\"")
  if (code in seen) fail("duplicate event code " code)
  seen[code] = 1
  root = substr(code, 1, 2); level = length(code) - 1
  if (f("EventRootCode") != root) fail(code ": root column says " f("EventRootCode"))
  if (f("level") != level) fail(code ": level column says " f("level"))
  g = f("GoldsteinScale")
  if (g !~ /^-?[0-9]+\.[0-9]$/ || g + 0 < -10 || g + 0 > 10) fail(code ": bad Goldstein \"" g "\"")
  q = f("QuadClass")
  if (q !~ /^[1-4]$/) fail(code ": bad QuadClass \"" q "\"")
  if (root in rquad && rquad[root] != q) fail(code ": QuadClass " q " differs from root " root)
  rquad[root] = q
  name = f("description")
  gsub(/matyerial/, "material", name)
  gsub(/radiologicalweapons/, "radiological weapons", name)
  if (name == "" || !ascii(name)) fail(code ": name is empty or not printable ASCII: " name)
  if (name ~ /[0-9][0-9]+:/) fail(code ": name holds another code (merged lines?): " name)
  t = ""; m = ""
  if (code in ptype) { t = ptype[code]; m = pmode[code] }
  s = toupper(f("plover_event")); if (s == "(DROPPED)") s = ""
  if (s != t) printf "gen_codebook: note: %s: PLOVER type %s (crosswalk) vs %s (staged column); using the crosswalk\n", code, (t == "" ? "-" : t), (s == "" ? "-" : s) > "/dev/stderr"
  printf "%s\t%s\t%d\t%.1f\t%d\t%s\t%s\t%s\n", code, root, level, g + 0, q, t, m, name
  n++; lv[level]++
}
END {
  if (failed) exit 1
  for (c in seen) if (!(substr(c, 1, 2) in seen)) { printf "gen_codebook: code %s has no root line\n", c > "/dev/stderr"; exit 1 }
  for (i = 1; i <= nx; i++) if (!(xorder[i] in seen))
    printf "gen_codebook: note: crosswalk code %s is not a GDELT code; ignored\n", xorder[i] > "/dev/stderr"
  printf "gen_codebook: codes.tsv: %d codes (%d roots, %d level-2, %d level-3)\n", n, lv[1], lv[2], lv[3] > "/dev/stderr"
}' "$ref/plover/cameo2plover.tsv" "$ref/cameo/cameo_eventcodes.tsv" > "$tmp/codes.body"

{ printf 'code\troot\tlevel\tgoldstein\tquad\tplover_type\tplover_mode\tname\n'
  sort -t"$(printf '\t')" -k1,1 "$tmp/codes.body"; } > "$tmp/codes.tsv"

# ---------------------------------------------------------------- actor_codes.tsv
awk -F'\t' -v legacy="ROM:ROU TMP:TLS MTN:MNE IMY:IMN" "$awk_lib"'
function add(code, kind, name, i2, fp,   k, i, old) {
  if (code !~ /^[A-Z][A-Z][A-Z]$/) fail("bad actor code \"" code "\"")
  if (name == "" || !ascii(name)) fail(code ": name is empty or not printable ASCII: " name)
  k = kind SUBSEP code
  if (!(k in nlab)) { nlab[k] = 0; keys[++nk] = k; iso2[k] = i2; fips[k] = fp }
  for (i = 1; i <= nlab[k]; i++) {
    old = lab[k, i]
    if (substr(old, 1, length(name)) == name) return            # same, or a prefix of a kept label
    if (substr(name, 1, length(old)) == old) { lab[k, i] = name; return }
  }
  lab[k, ++nlab[k]] = name
}
BEGIN { n = split(legacy, a, " "); for (i = 1; i <= n; i++) { split(a[i], p, ":"); alias[p[1]] = p[2] } }
FNR == 1 {
  base = FILENAME; sub(/.*\//, "", base)
  if (base ~ /^geonames/)            header("ISO ISO3 fips")
  else if (base ~ /countries/)       header("code label kind iso2 fips10_4")
  else                               header("code label")
  next
}
/^[ \t\r]*$/ { next }
base ~ /^geonames/ { g2[f("ISO3")] = f("ISO"); gf[f("ISO3")] = f("fips"); next }
{
  code = f("code"); name = f("label")
  while (match(name, /[A-Za-z]\?s/)) name = substr(name, 1, RSTART) "\047" substr(name, RSTART + 2)
}
base ~ /countries/ {
  if (code == "COL") sub(/^Columbia$/, "Colombia", name)
  if (code == "REU") sub(/^Runion$/, "Reunion", name)
  iso3 = code
  if (f("kind") ~ /^ISO3/) kind = "country"
  else if (code in alias) { kind = "country"; iso3 = alias[code] }
  else kind = "region"
  i2 = (kind == "country" && iso3 in g2) ? g2[iso3] : ""
  fp = (kind == "country" && iso3 in gf) ? gf[iso3] : ""
  if (kind == "country" && !(iso3 in g2)) fail(code ": ISO alpha-3 " iso3 " not in GeoNames")
  if (iso3 == code && (f("iso2") != i2 || f("fips10_4") != fp))
    printf "gen_codebook: note: %s: staged iso2/fips %s/%s differ from GeoNames %s/%s; using GeoNames\n", code, f("iso2"), f("fips10_4"), i2, fp > "/dev/stderr"
  add(code, kind, name, i2, fp); next
}
base ~ /actor_types/ { add(code, "type", name, "", ""); next }
base ~ /knowngroups/ { add(code, "group", name, "", ""); next }
base ~ /religions/   { add(code, "religion", name, "", ""); next }
{ fail("unexpected input file") }
END {
  if (failed) exit 1
  for (i = 1; i <= nk; i++) {
    k = keys[i]; split(k, kc, SUBSEP); name = lab[k, 1]
    for (j = 2; j <= nlab[k]; j++) name = name " / " lab[k, j]
    printf "%s\t%s\t%s\t%s\t%s\n", kc[2], kc[1], name, iso2[k], fips[k]
    cnt[kc[1]]++; nkind[kc[2]]++
  }
  for (c in nkind) if (nkind[c] > 1) printf "gen_codebook: note: %s is a code of %d kinds\n", c, nkind[c] > "/dev/stderr"
  printf "gen_codebook: actor_codes.tsv: %d lines (country %d, region %d, type %d, group %d, religion %d)\n", nk, cnt["country"], cnt["region"], cnt["type"], cnt["group"], cnt["religion"] > "/dev/stderr"
}' "$ref/cameo/geonames_countryInfo_iso_fips.tsv" "$ref/cameo/cameo_countries.tsv" \
   "$ref/cameo/cameo_actor_types.tsv" "$ref/cameo/cameo_knowngroups.tsv" \
   "$ref/cameo/cameo_religions.tsv" > "$tmp/actor.body"

{ printf 'code\tkind\tname\tiso2\tfips\n'
  sort -t"$(printf '\t')" -k2,2 -k1,1 "$tmp/actor.body"; } > "$tmp/actor_codes.tsv"

mv -f "$tmp/codes.tsv" "$out/codes.tsv"
mv -f "$tmp/actor_codes.tsv" "$out/actor_codes.tsv"
echo "gen_codebook: wrote $out/codes.tsv $out/actor_codes.tsv" >&2
