// Makes sure the programs the test suites drive are on the machine: Debian's
// Chromium (task pane end-to-end tests) and LibreOffice Calc (the .xlsx opens
// in LibreOffice). Installs them with apt-get when missing and allowed (root on
// Debian, as on CI); otherwise says what to install. Run before `npm test`.
import { execFileSync, spawnSync } from "node:child_process";

const NEEDED = [
  { command: "chromium", pkg: "chromium", why: "the task pane's end-to-end tests" },
  { command: "soffice", pkg: "libreoffice-calc-nogui", why: "the test that opens the .xlsx in LibreOffice" },
];

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const missing = NEEDED.filter((n) => !has(n.command));
if (missing.length === 0) process.exit(0);

const packages = [...missing.map((n) => n.pkg), "fonts-dejavu-core"];
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !has("apt-get")) {
  console.error(`Missing for the tests: ${missing.map((n) => `${n.command} (${n.why})`).join(", ")}.`);
  console.error(`Install them with: sudo apt-get install -y ${packages.join(" ")}`);
  process.exit(1);
}
console.log(`Installing Debian packages for the tests: ${packages.join(" ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: ["ignore", "ignore", "inherit"], env });
