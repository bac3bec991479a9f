// Bundles the dashboard (web/src) into OUTDIR with esbuild: app.js (one
// minified file: d3-geo, topojson-client, the world-atlas boundaries and an
// ISO alpha-3 → numeric table made from Debian's iso-codes), app.css and
// index.html. Run by the CMake target `web`; nothing is fetched at run time.
//
//   node web/build.mjs OUTDIR [ISO_3166_1_JSON]
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
const isoFile = process.argv[3] || "/usr/share/iso-codes/json/iso_3166-1.json";
if (!outdir) {
  console.error("usage: node web/build.mjs OUTDIR [iso_3166-1.json]");
  process.exit(2);
}

// The map's countries are keyed by ISO 3166-1 numeric codes; kabar's by
// alpha-3 (CAMEO country codes are ISO alpha-3).
const iso = JSON.parse(readFileSync(isoFile, "utf8"))["3166-1"];
const numeric = Object.fromEntries(iso.filter((c) => c.numeric).map((c) => [c.alpha_3, c.numeric]));

const isoPlugin = {
  name: "iso-numeric",
  setup(b) {
    b.onResolve({ filter: /iso_numeric\.json$/ }, (args) => ({ path: args.path, namespace: "iso" }));
    b.onLoad({ filter: /.*/, namespace: "iso" }, () => ({ contents: JSON.stringify(numeric), loader: "json" }));
  },
};

mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [join(here, "src", "app.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: join(outdir, "app.js"),
  plugins: [isoPlugin],
  logLevel: "warning",
  legalComments: "eof",
});
for (const f of ["index.html", "app.css"]) copyFileSync(join(here, "src", f), join(outdir, f));
console.log(`web: dashboard in ${outdir} (${Object.keys(numeric).length} countries coded)`);
