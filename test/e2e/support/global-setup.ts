import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { serveFolder } from "./static-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built task pane, served on 127.0.0.1. */
    paneUrl: string;
  }
}

const DIST = join(process.cwd(), "dist");

/** Serves the production build for the whole run; `npm run test:e2e` builds it first. */
export default async function setup(project: TestProject) {
  const page = join(DIST, "taskpane.html");
  if (!existsSync(page)) throw new Error("dist/taskpane.html is missing: run `npm run test:e2e`, which builds the pane first.");
  const age = (Date.now() - statSync(page).mtimeMs) / 60_000;
  if (age > 60) console.warn(`dist/ was built ${Math.round(age)} minutes ago; \`npm run test:e2e\` rebuilds it.`);
  const server = await serveFolder(DIST);
  project.provide("paneUrl", `${server.url}/taskpane.html`);
  return () => server.close();
}
