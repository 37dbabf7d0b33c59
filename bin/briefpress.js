#!/usr/bin/env node
// `briefpress build|start|new|check`: the npm scripts' commands, for `npx briefpress ...`.
// briefpress is TypeScript: tsx's loader is registered in this process and the command's
// module runs here too (no child process, so Ctrl-C and exit codes need no relaying).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
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
  register();
  await import(pathToFileURL(path.join(ROOT, topic.module)).href);
} else if (!Object.hasOwn(COMMANDS, name)) {
  console.error(`unknown command "${name}"\n${USAGE}`);
  process.exit(2);
} else {
  const command = COMMANDS[name];
  process.argv = [process.argv[0], path.join(ROOT, command.module), ...command.args, ...rest];
  register();
  await import(pathToFileURL(path.join(ROOT, command.module)).href);
}
