#!/usr/bin/env node
// `briefpress build|start|new|check`: the npm scripts' commands, for `npx briefpress ...`.
// briefpress is TypeScript: the command runs from a bundle of the current sources (made once,
// see compile.js), or, if none can be made, from the sources with tsx's loader registered in
// this process. Either way the command's module runs here (no child process, so Ctrl-C and
// exit codes need no relaying).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledEntry } from "./compile.js";

/** Imports a command's module: the bundle when current, else the source through tsx. */
async function run(source) {
  const bundled = await compiledEntry(source);
  if (bundled) return import(bundled);
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(path.join(ROOT, source)).href);
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Importing Eleventy 3 registers a module resolve hook (module.register: on Node 20 a worker
// thread that every later import() waits on) that serves only Eleventy's own watch mode, which
// briefpress does not use (npm start watches by itself and makes a new Eleventy per rebuild).
// Without it, the imports after Eleventy's (pdf-lib, puppeteer-core, ...) cost ~0.4 s less CPU.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
const COMMANDS = {
  build: { module: "src/cli.ts", args: ["build"], about: "check the briefs, build the site and one PDF per brief" },
  start: { module: "src/dev.ts", args: [], about: "build, serve with live reload, re-render each saved brief's PDF" },
  new: { module: "scripts/new-brief.ts", args: [], about: "a new brief with valid front matter" },
  check: { module: "scripts/check-a11y.ts", args: [], about: "the accessibility gate (pa11y, WCAG 2 AA) over a built site" },
};
const USAGE = `usage: briefpress <command> [options]   (briefpress <command> --help for its options)
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(7)} ${c.about}`).join("\n")}`;

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === "--help" || name === "-h" || name === "help") {
  const topic = name === "help" ? COMMANDS[rest[0]] : undefined;
  if (!topic) {
    console.log(USAGE);
    process.exit(name === undefined ? 2 : 0);
  }
  process.argv = [process.argv[0], path.join(ROOT, topic.module), ...topic.args, "--help"];
  await run(topic.module);
} else if (!Object.hasOwn(COMMANDS, name)) {
  console.error(`unknown command "${name}"\n${USAGE}`);
  process.exit(2);
} else {
  const command = COMMANDS[name];
  process.argv = [process.argv[0], path.join(ROOT, command.module), ...command.args, ...rest];
  await run(command.module);
}
