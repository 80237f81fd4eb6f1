#!/usr/bin/env node
// `npm start`: serves the task pane on https://localhost:3000 (the URL in manifest.xml)
// and prints how to sideload it into Excel. Works offline:
//  1. the certificate of office-addin-dev-certs, when the user has installed it (trusted);
//  2. otherwise a self-signed localhost certificate made with openssl (not trusted: Excel
//     refuses it until the user trusts it, as explained on screen);
//  3. otherwise plain http, with a warning that Excel needs https.
// In any case the pane also runs in a browser as a preview, with no Excel at all.
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createServer } from "vite";

const PORT = 3000;
const OFFICE_CERTS = join(homedir(), ".office-addin-dev-certs");
const OWN_CERTS = join(process.cwd(), "node_modules", ".cache", "ims-offline-dev-cert");

function readPair(dir, keyName, certName) {
  const key = join(dir, keyName);
  const cert = join(dir, certName);
  if (!existsSync(key) || !existsSync(cert)) return undefined;
  const pem = readFileSync(cert);
  // A certificate that has expired (dev certificates last 30 days) is made again.
  if (new Date(new X509Certificate(pem).validTo) <= new Date()) return undefined;
  return { key: readFileSync(key), cert: pem };
}

function makeSelfSigned() {
  mkdirSync(OWN_CERTS, { recursive: true });
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30",
    "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
    "-keyout", join(OWN_CERTS, "localhost.key"),
    "-out", join(OWN_CERTS, "localhost.crt"),
  ], { stdio: "ignore" });
  return readPair(OWN_CERTS, "localhost.key", "localhost.crt");
}

function chooseCertificate() {
  const office = readPair(OFFICE_CERTS, "localhost.key", "localhost.crt");
  if (office) return { https: office, note: `Using the trusted certificate of office-addin-dev-certs (${OFFICE_CERTS}).` };
  const own = readPair(OWN_CERTS, "localhost.key", "localhost.crt");
  if (own) return { https: own, note: untrustedNote() };
  try {
    const made = makeSelfSigned();
    if (made) return { https: made, note: untrustedNote() };
  } catch {
    // No openssl on this machine: fall through to http.
  }
  return {
    https: undefined,
    note: [
      "No certificate available (no office-addin-dev-certs certificate and no openssl), so the pane is served over plain http.",
      "Excel loads add-ins only over https: run `npx office-addin-dev-certs install` once, then `npm start` again.",
      "The browser preview works over http.",
    ].join("\n"),
  };
}

function untrustedNote() {
  return [
    `Using a self-signed certificate for localhost (${OWN_CERTS}/localhost.crt).`,
    "Excel refuses the pane until your system trusts it. Either trust that certificate",
    "(Windows: certmgr, Trusted Root Certification Authorities; Mac: Keychain Access, Always Trust),",
    "or run `npx office-addin-dev-certs install` once; `npm start` then uses its trusted certificate.",
  ].join("\n");
}

const { https, note } = chooseCertificate();
const server = await createServer({ server: { port: PORT, strictPort: true, host: "localhost", https } });
await server.listen();
const url = `${https ? "https" : "http"}://localhost:${PORT}/taskpane.html`;

console.log(`
IMS Offline task pane: ${url}

${note}

Try it without Excel: open ${url} in a browser. Outside Office the pane runs as a
browser preview on an in-memory workbook, with a simple view of the sheets.

Sideload into Excel (manifest.xml points at https://localhost:${PORT}):
  Excel on the web: open a workbook, Home > Add-ins > More Settings > Upload My Add-in,
                    and choose manifest.xml.
  Excel on Windows: share a folder holding manifest.xml, add it under File > Options >
                    Trust Center > Trust Center Settings > Trusted Add-in Catalogs (tick
                    "Show in Menu"), restart Excel, then Home > Add-ins > Advanced > Shared Folder.
  Excel on the Mac: copy manifest.xml to
                    ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
                    restart Excel, then Home > Add-ins > My Add-ins.
Then click "IMS Offline" on the Home tab. Press Ctrl+C to stop.
`);
