// briefpress is written in TypeScript but never compiled at run time: its commands run from a
// bundle that esbuild makes once (`npm install` runs this file as `prepare`; the first command
// after a change of the sources makes it again, in about a second).
//
// A bundle is used only when every file it was made from is byte-identical to the source on disk
// (the SHA-256 of each input, recorded from esbuild's own list of inputs): an edited, added or
// checked-out source file makes it stale, and a stale bundle never runs. If no bundle can be
// made (esbuild missing, read-only folder), the command runs from the sources through tsx.
//
// Layout: node_modules/.cache/briefpress/compiled/<id>/ (the bundle; the chunks keep relative
// imports) and current.json ({ dir, inputs: { "src/x.ts": sha256 } }), replaced atomically.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const COMPILED_DIR = path.join(ROOT, "node_modules", ".cache", "briefpress", "compiled");
const CURRENT = path.join(COMPILED_DIR, "current.json");

/** The commands' source modules and their bundle names. */
export const ENTRIES = {
  "src/cli.ts": "cli",
  "src/dev.ts": "dev",
  "scripts/new-brief.ts": "new-brief",
  "scripts/check-a11y.ts": "check-a11y",
};

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Inputs that are not what the bundle was made from, or null when the bundle is current. */
function staleInputs(current) {
  const changed = [];
  for (const [rel, hash] of Object.entries(current.inputs)) {
    try {
      if (sha256(path.join(ROOT, rel)) !== hash) changed.push(rel);
    } catch {
      changed.push(rel);
    }
  }
  // A source file that was not an input yet (new entry point, a new module the others do not import yet) cannot
  // change the bundle; but the entries and this file must be inputs of a usable bundle.
  for (const rel of [...Object.keys(ENTRIES), "bin/compile.js"]) if (!(rel in current.inputs)) changed.push(rel);
  return changed.length ? changed : null;
}

function readCurrent() {
  try {
    const current = JSON.parse(readFileSync(CURRENT, "utf8"));
    if (typeof current.dir !== "string" || typeof current.inputs !== "object") return undefined;
    return current;
  } catch {
    return undefined;
  }
}

/** Makes a bundle of the current sources; returns its record (see above). Throws if esbuild fails. */
export async function compile() {
  const esbuild = await import("esbuild");
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = path.join(COMPILED_DIR, id);
  const building = esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([src, name]) => [name, src])),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir,
    metafile: true,
    sourcemap: "linked",
    logLevel: "silent",
  });
  // esbuild's service process would otherwise live as long as the command (~35 MiB beside a build).
  const result = await building.finally(() => esbuild.stop());
  const inputs = { "bin/compile.js": sha256(fileURLToPath(import.meta.url)) };
  for (const rel of Object.keys(result.metafile.inputs)) inputs[rel] = sha256(path.join(ROOT, rel));
  const record = { dir: id, esbuild: esbuild.version, inputs };
  const tmp = `${CURRENT}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 1));
  renameSync(tmp, CURRENT);
  prune(id);
  return record;
}

/** Bundles other than `keep` older than a day (a running command may still load chunks from a recent one). */
function prune(keep) {
  for (const name of readdirSync(COMPILED_DIR)) {
    const dir = path.join(COMPILED_DIR, name);
    try {
      if (name !== keep && statSync(dir).isDirectory() && Date.now() - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true });
    } catch {
      /* another process pruned it */
    }
  }
}

/**
 * The URL to import for a command's source module (`src/cli.ts`...): its bundle when current
 * (made now if needed), else undefined (run the source through tsx).
 */
export async function compiledEntry(source) {
  if (process.env.BRIEFPRESS_NO_BUNDLE) return undefined;
  const name = ENTRIES[source];
  if (!name) return undefined;
  let current = readCurrent();
  if (!current || staleInputs(current)) {
    try {
      mkdirSync(COMPILED_DIR, { recursive: true });
      current = await compile();
    } catch (error) {
      if (process.env.BRIEFPRESS_DEBUG) console.error(`briefpress: running from the sources (no bundle: ${error.message})`);
      return undefined;
    }
  }
  const file = path.join(COMPILED_DIR, current.dir, `${name}.js`);
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}

// `node bin/compile.js` (npm's `prepare`): make the bundle now. Never fails an install.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    mkdirSync(COMPILED_DIR, { recursive: true });
    const record = await compile();
    console.log(`briefpress: commands bundled (${Object.keys(record.inputs).length} source files) into ${path.relative(ROOT, path.join(COMPILED_DIR, record.dir))}`);
  } catch (error) {
    console.log(`briefpress: no bundle made (${error.message}); commands will run from the TypeScript sources`);
  }
}
