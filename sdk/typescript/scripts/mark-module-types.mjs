// dist/esm and dist/cjs share file names (index.js, index.d.ts); a package.json in each
// tells Node and TypeScript which module system the files in that folder use.
import { writeFileSync } from 'node:fs'

for (const [dir, type] of [['esm', 'module'], ['cjs', 'commonjs']]) {
  writeFileSync(new URL(`../dist/${dir}/package.json`, import.meta.url), JSON.stringify({ type }) + '\n')
}
