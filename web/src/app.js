// kabar's dashboard: one page over `kabar serve`'s JSON API (docs/openapi.yaml).
// The map's shading and the timeline count every event that passes the
// form's filters (/api/stats by country and by day-quad); the points, the
// network and the table come from /api/events (up to 10,000 of them); the
// article reader adds /api/events/{id} and /api/articles/{id}. Bundled by esbuild at set-up time (web/build.mjs); it
// fetches nothing but the API.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from "d3-geo";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import isoNumeric from "./iso_numeric.json"; // ISO 3166-1 alpha-3 → numeric, from Debian's iso-codes

const MAX_EVENTS = 10000;
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const SVG = "http://www.w3.org/2000/svg";

const $ = (sel) => document.querySelector(sel);
function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function html(name, attrs = {}, text) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (v.trim()) params.set(k, v.trim());
  return params;
}

// ---------------------------------------------------------------- map
const projection = geoNaturalEarth1().fitSize([960, 480], { type: "Sphere" });
const path = geoPath(projection);
const countries = feature(world, world.objects.countries).features;

// byCountry: /api/stats?by=country rows (every filtered event); the points
// are the loaded events' places.
function drawMap(countryRows, events) {
  const svg = $("#map");
  svg.replaceChildren();
  svg.append(el("path", { class: "sphere", d: path({ type: "Sphere" }) }));
  svg.append(el("path", { d: path(geoGraticule10()), fill: "none", stroke: "#dde", "stroke-width": 0.4 }));
  const byCountry = new Map();
  for (const r of countryRows) {
    const n = isoNumeric[r.key];
    if (n) byCountry.set(n, (byCountry.get(n) || 0) + r.events);
  }
  const max = Math.max(1, ...byCountry.values());
  for (const f of countries) {
    const n = byCountry.get(f.id) || 0;
    const p = el("path", { class: n ? "country has-events" : "country", d: path(f), "data-events": n });
    if (n) p.style.fill = `rgba(192, 57, 43, ${0.15 + 0.75 * Math.sqrt(n / max)})`;
    p.append(el("title", {}, `${f.properties.name}: ${n} event(s)`));
    svg.append(p);
  }
  const points = new Map();
  for (const e of events) {
    if (!e.place || e.place.lat == null || e.place.lon == null) continue;
    const key = `${e.place.lat},${e.place.lon}`;
    const p = points.get(key) || { lat: e.place.lat, lon: e.place.lon, name: e.place.name, n: 0 };
    p.n++;
    points.set(key, p);
  }
  for (const p of points.values()) {
    const [x, y] = projection([p.lon, p.lat]);
    const c = el("circle", { class: "point", cx: x.toFixed(1), cy: y.toFixed(1), r: (2 + 2 * Math.sqrt(p.n)).toFixed(1) });
    c.append(el("title", {}, `${p.name}: ${p.n} event(s)`));
    svg.append(c);
  }
}

// ---------------------------------------------------------------- timeline
// rows: /api/stats?by=day-quad ("2024-01-02 4" → events).
function drawTimeline(rows) {
  const svg = $("#timeline");
  svg.replaceChildren();
  const days = new Map();
  for (const r of rows) {
    const [date, quad] = r.key.split(" ");
    if (!date) continue;  // undated
    const d = days.get(date) || { 1: 0, 2: 0, 3: 0, 4: 0 };
    d[quad] += r.events;
    days.set(date, d);
  }
  if (!days.size) {
    svg.append(el("text", { x: 10, y: 100 }, "no dated events"));
    return;
  }
  const dates = [...days.keys()].sort();
  const t0 = Date.parse(dates[0]), t1 = Date.parse(dates[dates.length - 1]);
  const span = Math.max(1, (t1 - t0) / 86400000 + 1);
  const width = 900, height = 160, left = 40, bar = Math.max(1, width / span - 1);
  const max = Math.max(...[...days.values()].map((d) => d[1] + d[2] + d[3] + d[4]));
  for (const [date, d] of days) {
    const x = left + ((Date.parse(date) - t0) / 86400000) * (width / span);
    let y = 10 + height;
    for (const q of [1, 2, 3, 4]) {
      if (!d[q]) continue;
      const h = (d[q] / max) * height;
      y -= h;
      const r = el("rect", { class: `q${q} bar`, x: x.toFixed(1), y: y.toFixed(1), width: bar.toFixed(1), height: h.toFixed(1), "data-date": date });
      r.append(el("title", {}, `${date}: ${d[q]} ${QUAD_NAMES[q]}`));
      svg.append(r);
    }
  }
  svg.append(el("text", { x: left, y: 195, class: "legend-q" }, dates[0]));
  svg.append(el("text", { x: left + width, y: 195, "text-anchor": "end", class: "legend-q" }, dates[dates.length - 1]));
  svg.append(el("text", { x: 0, y: 18, class: "legend-q" }, String(max)));
  let lx = left + 200;
  for (const q of [1, 2, 3, 4]) {
    svg.append(el("rect", { class: `q${q}`, x: lx, y: 186, width: 10, height: 10 }));
    svg.append(el("text", { x: lx + 14, y: 195, class: "legend-q" }, `${q} ${QUAD_NAMES[q]}`));
    lx += 150;
  }
}

// ---------------------------------------------------------------- network
function drawNetwork(events) {
  const svg = $("#network");
  svg.replaceChildren();
  const edges = new Map();
  for (const e of events) {
    if (!e.source || !e.target) continue;
    const k = `${e.source.code}\u0000${e.target.code}`;
    edges.set(k, (edges.get(k) || 0) + 1);
  }
  // The 40 busiest pairs, their actors on a circle by degree.
  const top = [...edges.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 40);
  const degree = new Map();
  for (const [k, n] of top) for (const a of k.split("\u0000")) degree.set(a, (degree.get(a) || 0) + n);
  const nodes = [...degree.keys()].sort((a, b) => degree.get(b) - degree.get(a) || (a < b ? -1 : 1));
  const pos = new Map();
  nodes.forEach((a, i) => {
    const t = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    pos.set(a, [240 + 180 * Math.cos(t), 240 + 180 * Math.sin(t)]);
  });
  const maxEdge = Math.max(1, ...top.map(([, n]) => n));
  for (const [k, n] of top) {
    const [s, t] = k.split("\u0000");
    const [x1, y1] = pos.get(s), [x2, y2] = pos.get(t);
    const line = el("path", { class: "edge", d: `M${x1},${y1} Q240,240 ${x2},${y2}`, "stroke-width": (0.5 + 4 * (n / maxEdge)).toFixed(2) });
    line.append(el("title", {}, `${s} → ${t}: ${n} event(s)`));
    svg.append(line);
  }
  for (const a of nodes) {
    const [x, y] = pos.get(a);
    const g = el("g", { class: "node", "data-actor": a });
    g.append(el("circle", { cx: x, cy: y, r: (3 + Math.sqrt(degree.get(a))).toFixed(1) }));
    g.append(el("text", { x: x + 6, y: y - 6 }, a));
    svg.append(g);
  }
}

// ---------------------------------------------------------------- table
function drawTable(events) {
  const body = $("#events tbody");
  body.replaceChildren();
  for (const e of events.slice(0, 500)) {
    const tr = html("tr", { "data-id": e.id, "data-article": e.article });
    for (const v of [e.date || "", e.source ? e.source.code : "-", e.target ? e.target.code : "-", e.code, e.quad,
                     e.modality, e.place ? e.place.name : "", e.text]) tr.append(html("td", {}, String(v)));
    tr.addEventListener("click", () => openEvent(e.id, tr));
    body.append(tr);
  }
}

// ---------------------------------------------------------------- reader
// Spans are byte offsets into the UTF-8 text: cut the bytes at every span
// boundary and decode each piece, so highlights land on the right letters.
function renderHighlighted(text, marks) {
  const bytes = new TextEncoder().encode(text);
  const cuts = new Set([0, bytes.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(bytes.length, m.begin)));
    cuts.add(Math.max(0, Math.min(bytes.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const decoder = new TextDecoder();
  const out = $("#reader-text");
  out.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = decoder.decode(bytes.subarray(a, b));
    const covering = marks.filter((m) => m.begin <= a && m.end >= b && m.end > m.begin);
    if (!covering.length) {
      out.append(document.createTextNode(piece));
      continue;
    }
    const span = html("span", { class: [...new Set(covering.map((m) => m.kind))].join(" ") }, piece);
    span.title = covering.map((m) => m.title).join("\n");
    out.append(span);
  }
}

function why(event) {
  const dl = html("dl");
  const row = (k, v) => { dl.append(html("dt", {}, k)); dl.append(html("dd", {}, v)); };
  const ev = event.evidence || {};
  row("event", `${event.source ? event.source.code : "-"} → ${event.target ? event.target.code : "-"}: CAMEO ${event.code} (QuadClass ${event.quad}, Goldstein ${event.goldstein})${event.plover && event.plover.type ? `, PLOVER ${event.plover.type}` : ""}`);
  row("pattern", `${ev.pattern || ""}  (${ev.lexicon || "?"})${ev.passive ? ", passive" : ""}`);
  if (event.source) row("source", `${event.source.name} → ${event.source.code}  (${(event.source.entries || []).join(", ")})`);
  if (event.target) row("target", `${event.target.name} → ${event.target.code}  (${(event.target.entries || []).join(", ")})`);
  row("modality", event.modality);
  row("date", `${event.date || "none"}${event.date_from ? ` (from the ${event.date_from})` : ""}`);
  if (event.place) row("place", `${event.place.name} (${event.place.country}, ${event.place.precision}, from the ${event.place.from})`);
  $("#why").replaceChildren(dl);
}

async function openEvent(id, tr) {
  for (const r of document.querySelectorAll("#events tr.selected")) r.classList.remove("selected");
  tr.classList.add("selected");
  try {
    const detail = await api(`/api/events/${encodeURIComponent(id)}`);
    const event = detail.event;
    const art = await api(`/api/articles/${encodeURIComponent(event.article)}`);
    $("#reader-title").textContent = `${art.article.title || art.article.id} — ${art.article.source} ${art.article.date}` +
      (detail.mentions.length > 1 ? ` (reported in ${detail.mentions.length} articles)` : "");
    const marks = [];
    for (const s of art.spans) marks.push({ begin: s.begin, end: s.end, kind: s.kind, title: `${s.kind}: ${s.label} ${s.code}` });
    for (const e of art.events) {
      const d = e.evidence && e.evidence.date;
      if (d) marks.push({ begin: d[0], end: d[1], kind: "date", title: `date: ${e.date}` });
    }
    const ev = event.evidence || {};
    const add = (span, what) => { if (span) marks.push({ begin: span[0], end: span[1], kind: "evidence", title: what }); };
    add(ev.match, `pattern ${ev.pattern} (${ev.lexicon})`);
    add(ev.trigger, "the verb");
    add(event.source && event.source.span, `source ${event.source && event.source.code}`);
    add(event.target && event.target.span, `target ${event.target && event.target.code}`);
    renderHighlighted(art.article.text, marks);
    why(event);
    $("#reader-panel").hidden = false;
    $("#reader-panel").scrollIntoView({ block: "start" });
  } catch (err) {
    $("#status").textContent = `could not open the event: ${err.message}`;
  }
}

// ---------------------------------------------------------------- load
async function load() {
  $("#status").textContent = "loading…";
  try {
    const filters = filterParams();
    const [data, byCountry, byDay] = await Promise.all([
      api(`/api/events?${filters}&limit=${MAX_EVENTS}`),
      api(`/api/stats?by=country&${filters}`),
      api(`/api/stats?by=day-quad&${filters}`),
    ]);
    const events = data.events;
    drawMap(byCountry.rows, events);
    drawTimeline(byDay.rows);
    drawNetwork(events);
    drawTable(events);
    const total = byDay.rows.reduce((n, r) => n + r.events, 0);
    $("#status").textContent = `${total} event(s)` + (events.length < total ? `; points, network and table from the first ${events.length}` : "") +
      (events.length > 500 ? "; the table shows the first 500" : "") + (data.partial ? ` — ${data.partial}` : "");
    $("#status").dataset.count = String(total);
  } catch (err) {
    $("#status").textContent = `error: ${err.message}`;
    $("#status").dataset.count = "";
  }
}

$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
$("#clear").addEventListener("click", () => { $("#filters").reset(); load(); });
load();
