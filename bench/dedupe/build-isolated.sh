#!/usr/bin/env sh
# Compile only the matching engine (src/company, src/match and what they import) to a separate
# directory, for benchmarking while other parts of the project do not compile. Usage:
#   sh bench/dedupe/build-isolated.sh [/tmp/lk-dist]
#   LEADKIT_DIST=/tmp/lk-dist node bench/dedupe/run.mjs
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/tmp/lk-dist}
mkdir -p "$out"
cat > "$out/tsconfig.json" <<JSON
{
  "extends": "$root/tsconfig.json",
  "compilerOptions": { "rootDir": "$root/src", "outDir": "$out", "sourceMap": false, "typeRoots": ["$root/node_modules/@types"] },
  "include": ["$root/src/company/**/*.ts", "$root/src/match/**/*.ts", "$root/src/table.ts", "$root/src/person/name-split.ts"]
}
JSON
"$root/node_modules/.bin/tsc" -p "$out/tsconfig.json"
# The engine finds src/data/ by walking up to a package.json: give the output one, and the data.
echo '{"name":"leadkit-engine-build","type":"module"}' > "$out/package.json"
ln -sfn "$root/src" "$out/src"
echo "built $out"
