/**
 * `npm run check:a11y [-- --site DIR] [--config FILE]`: the accessibility gate over a built
 * site (default _site, config .pa11yci.json). Exit 1 on any error or warning.
 */
import { parseArgs } from "node:util";
import { checkSite, formatA11yResult, readA11yConfig } from "../src/a11y/check.ts";

const USAGE = `usage: briefpress check [--site DIR] [--config FILE]
  (npm run check:a11y -- [options])  the accessibility gate over a built site; exit 1 on any error or warning
  --site DIR      the built site        default: _site
  --config FILE   pa11y-ci style JSON   default: .pa11yci.json`;
let parsed;
try {
  parsed = parseArgs({ options: { site: { type: "string", default: "_site" }, config: { type: "string", default: ".pa11yci.json" }, help: { type: "boolean", short: "h" } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const config = await readA11yConfig(values.config);
const results = await checkSite(values.site, config, { onPage: (r) => console.log(formatA11yResult(r)) });
const failing = results.filter((r) => r.issues.some((i) => i.type !== "notice"));
console.log(`${results.length} pages checked (pa11y: ${(config.defaults?.runners as string[] | undefined)?.join(" + ") ?? "default runners"}, ${config.defaults?.standard ?? "WCAG2AA"}): ${failing.length} with issues`);
process.exit(failing.length > 0 ? 1 : 0);
