import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vitest/config";
import react from "@vitejs/plugin-react";

/** Where the manifest points during development (`npm start`). */
const DEV_URL = "https://localhost:3000";

/**
 * The production task pane must stay small: it loads inside Excel on every
 * open. The build fails when what loads on open (gzip; the worker and the
 * preview's chunk excluded) grows past this budget; raise it deliberately.
 * React DOM is about 60 kB of it, Fluent UI with both themes most of the rest.
 */
const PANE_GZIP_BUDGET_KB = 200;

/**
 * Prints the size of every JavaScript file of the build, raw and gzip, and what
 * Excel loads when the pane opens: the task pane entry and the chunks it
 * imports statically (the browser preview's in-memory Excel and the worker load
 * separately).
 */
function bundleSizeReport(): Plugin {
  return {
    name: "ims-bundle-size-report",
    apply: "build",
    generateBundle(_options, bundle) {
      const js = Object.values(bundle).filter((item) => item.fileName.endsWith(".js"));
      const entry = js.find((item) => item.type === "chunk" && item.isEntry && item.name === "taskpane");
      if (!entry || entry.type !== "chunk") return; // the worker's own sub-build: reported with the pane
      const onOpen = new Set<string>();
      const visit = (fileName: string) => {
        if (onOpen.has(fileName)) return;
        onOpen.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === "chunk") chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      const rows = js.map((item) => {
        const code = item.type === "chunk" ? item.code : item.source;
        return { file: item.fileName, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
      }).sort((a, b) => b.gzip - a.gzip);
      const kb = (n: number) => (n / 1024).toFixed(1).padStart(8) + " kB";
      const opened = rows.filter((r) => onOpen.has(r.file));
      const sum = (key: "raw" | "gzip") => opened.reduce((s, r) => s + r[key], 0);
      console.log([
        "",
        "Task pane JavaScript (production build)",
        ...rows.map((r) => `  ${r.file.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)} gzip${onOpen.has(r.file) ? "  (loaded on open)" : ""}`),
        `  ${"loaded when the pane opens in Excel".padEnd(48)} ${kb(sum("raw"))} ${kb(sum("gzip"))} gzip`,
        "",
      ].join("\n"));
      const gzipKb = sum("gzip") / 1024;
      if (gzipKb > PANE_GZIP_BUDGET_KB) {
        this.error(`The task pane loads ${gzipKb.toFixed(1)} kB of JavaScript (gzip) on open, over the ${PANE_GZIP_BUDGET_KB} kB budget in vite.config.ts.`);
      }
    },
  };
}

/**
 * Copies manifest.xml into the build. With ADDIN_URL set (for example
 * ADDIN_URL=https://ims.example.org npm run build) every development URL in it
 * becomes the production one, so the same manifest serves both.
 */
function manifestForBuild(): Plugin {
  return {
    name: "ims-manifest",
    apply: "build",
    generateBundle() {
      const target = process.env.ADDIN_URL?.replace(/\/+$/, "");
      let xml = readFileSync("manifest.xml", "utf8");
      if (target) xml = xml.replace(new RegExp(DEV_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), target);
      this.emitFile({ type: "asset", fileName: "manifest.xml", source: xml });
    },
  };
}

/**
 * The dev server's React refresh preamble is an inline script, which the
 * pane's strict policy forbids; only `vite serve` relaxes script-src for it.
 * The production build keeps the policy exactly as written in taskpane.html.
 */
function devServerCsp(): Plugin {
  return {
    name: "ims-dev-csp",
    apply: "serve",
    transformIndexHtml(html) {
      return html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    },
  };
}

// The task pane build (React + Fluent UI) and the unit-test settings.
// End-to-end tests in Chromium live in test/e2e and run against the built pane.
export default defineConfig({
  plugins: [react(), devServerCsp(), bundleSizeReport(), manifestForBuild()],
  // Relative URLs, so the built pane works from any folder of any web server.
  base: "./",
  // Icons referenced by the manifest, served and copied as they are.
  publicDir: "assets",
  build: {
    outDir: "dist",
    sourcemap: true,
    reportCompressedSize: false,
    // Our own budget above governs size; the default 500 kB warning is about raw size.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: { taskpane: "taskpane.html", commands: "commands.html" },
    },
  },
  // The domain worker is an ES module worker (`new Worker(url, { type: "module" })`).
  worker: { format: "es" },
  server: { port: 3000, strictPort: true },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx", "src/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    pool: "forks",
  },
});
