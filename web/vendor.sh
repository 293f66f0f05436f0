#!/bin/sh
# Refreshes web/vendor/ from the versions pinned in web/package.json and
# web/package-lock.json: `npm ci` into web/node_modules (not committed), then
# copies each library's built browser file and its licence, and writes
# web/vendor/versions.json, which a test compares with the lock file.
# The only network access is npm's registry. Run from anywhere:
#   web/vendor.sh
# To move a library to a newer version: change web/package.json, run
# `npm install` in web/ (updates the lock file), then this script.
set -eu
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
rm -rf vendor
mkdir vendor
nm=node_modules
cp "$nm/vis-timeline/peer/umd/vis-timeline-graph2d.min.js" vendor/
cp "$nm/vis-timeline/styles/vis-timeline-graph2d.min.css" vendor/
cp "$nm/vis-timeline/LICENSE.MIT.txt" vendor/LICENSE.vis-timeline.txt
cp "$nm/vis-data/peer/umd/vis-data.min.js" vendor/
cp "$nm/vis-data/LICENSE-MIT" vendor/LICENSE.vis-data.txt
cp "$nm/moment/min/moment.min.js" vendor/
cp "$nm/moment/LICENSE" vendor/LICENSE.moment.txt
cp "$nm/cytoscape/dist/cytoscape.min.js" vendor/
cp "$nm/cytoscape/LICENSE" vendor/LICENSE.cytoscape.txt
# Source-map comments point at files we do not ship; drop them.
for f in vendor/*.min.js vendor/*.min.css; do
  sed -i -e 's|//# sourceMappingURL=[^ ]*$||' -e 's|/\*# sourceMappingURL=[^ ]* \*/||' "$f"
done
node -e '
const fs = require("fs");
const files = {
  "vis-timeline": ["vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.css", "LICENSE.vis-timeline.txt"],
  "vis-data": ["vis-data.min.js", "LICENSE.vis-data.txt"],
  "moment": ["moment.min.js", "LICENSE.moment.txt"],
  "cytoscape": ["cytoscape.min.js", "LICENSE.cytoscape.txt"],
};
const out = {};
for (const [name, list] of Object.entries(files)) {
  const p = JSON.parse(fs.readFileSync("node_modules/" + name + "/package.json", "utf8"));
  out[name] = { version: p.version, license: p.license, files: list };
}
fs.writeFileSync("vendor/versions.json", JSON.stringify(out, null, 2) + "\n");
'
echo "web/vendor refreshed:"
cat vendor/versions.json
