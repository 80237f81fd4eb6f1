#!/usr/bin/env node
// The package's command. It runs the TypeScript sources through tsx (a runtime
// dependency), so a clone works right after `npm ci`, with no build step.
import { register } from "tsx/esm/api";

// `ims-offline summary book.xlsx | head` closes stdout early: the reader has what it wanted.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
