import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyErrorFile } from "../../src/app/error-file";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { markUploadProcessed } from "../../src/app/processed";
import { readWorkbook } from "../../src/app/read-workbook";
import { validateWorkbook } from "../../src/app/validate";
import { downloadBytes, generateDecisions, generateDownload, generateErrorFile, HOSTILE_TEXTS } from "../../src/dev/generate";
import { isChanged } from "../../src/ims/changes";
import { isUnreadable, NO_DECLARED_AMOUNTS, type Decision } from "../../src/ims/decision";
import type { ImsRecord } from "../../src/ims/record";
import { checkDecision, defaultItcChoiceOnAccept, normaliseRemarks } from "../../src/ims/rules";
import { sectionSpec } from "../../src/ims/sections";
import type { InMemoryGateway } from "../../src/hosts/fake-excel/preview";
import { userChanged } from "../../src/workbook/merge";
import { HEADERS, sectionLayout } from "../../src/workbook/section-sheet";
import { damageRows, runs, sheetDamage } from "./mutate";
import { NOW, cellOf, download, enterDecision, fromRoot, newWorkbook, uploadedRecords } from "./workbook-user";

/**
 * Invariants of the whole product over generated workbooks and decisions, on
 * the in-memory Excel (the office gateway on the strict fake, so protection,
 * payload limits and text-versus-formula are Excel's):
 *   - import then export with no edits gives nothing;
 *   - every edit reaches the upload exactly once, as entered;
 *   - after the portal's error file, a fix reaches the next upload;
 *   - once the upload, or some of its parts, is marked processed (before or after its error file is open), the next carries only what the portal refused and the parts not marked;
 *   - a re-import never drops an entered decision without listing it;
 *   - no value, from a file or typed, ever becomes a formula;
 *   - whatever is pasted into cells, or done to a section sheet's rows, Validate and Generate answer.
 */

const workbookCase = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  records: fc.integer({ min: 1, max: 24 }),
  hostile: fc.boolean(),
  envelope: fc.constantFrom("offline" as const, "api" as const),
});

async function imported(c: { seed: number; records: number; hostile: boolean; envelope: "offline" | "api" }) {
  const d = download({ records: c.records, seed: c.seed, hostile: c.hostile, envelope: c.envelope });
  const gateway = newWorkbook();
  await importDownloads(gateway, [d.file], { now: NOW, recipientGstin: d.recipientGstin });
  return { d, gateway };
}

/** Types the decisions that differ from the download; returns them by record key. */
async function decide(gateway: InMemoryGateway, records: readonly ImsRecord[], share: number, seed: number): Promise<Map<string, Decision>> {
  const decisions = generateDecisions(records, { share, seed });
  const entered = new Map<string, Decision>();
  for (const [i, record] of records.entries()) {
    if (!userChanged(record, decisions[i])) continue;
    await enterDecision(gateway, record, decisions[i]);
    entered.set(record.key, decisions[i]);
  }
  return entered;
}

async function uploadTexts(gateway: InMemoryGateway, options: { maxRecords?: number } = {}): Promise<string[]> {
  const result = await generateUpload(gateway, { now: NOW, ...options });
  if (result.kind === "refused") throw new Error(`refused: ${result.reasons.join(" | ")}`);
  return result.kind === "files" ? result.files.map((f) => f.text) : [];
}

describe("invariants over generated workbooks", () => {
  it("import then export with no edits gives nothing", async () => {
    await fc.assert(
      fc.asyncProperty(workbookCase, async (c) => {
        const { d, gateway } = await imported(c);
        const data = await readWorkbook(gateway);
        expect(data.problems).toEqual([]);
        expect(data.entries).toHaveLength(d.records.length);
        for (const e of data.entries) expect(e.decision).toEqual(e.record.downloaded);
        const result = await generateUpload(gateway, { now: NOW });
        expect(result.kind).toBe("nothing-changed");
      }),
      { numRuns: runs(24) },
    );
  });

  it("every edit shows up in the upload exactly once, as entered, however the upload is split", async () => {
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.double({ min: 0.1, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }), async (c, share, maxRecords) => {
        const { d, gateway } = await imported(c);
        const entered = await decide(gateway, d.records, share, c.seed);
        const sent = uploadedRecords(await uploadTexts(gateway, { maxRecords }));
        for (const record of d.records) {
          const decision = entered.get(record.key) ?? record.downloaded;
          const copies = sent.get(record.key) ?? [];
          if (!isChanged(record, decision)) {
            expect(copies, record.key).toEqual([]);
            continue;
          }
          expect(copies, record.key).toHaveLength(1);
          const [json] = copies;
          expect(json.action).toBe(decision.action);
          expect(json.prev_status).toBe(record.downloaded.action);
          if (json.remarks !== undefined) expect(json.remarks).toBe(normaliseRemarks(decision.remarks));
        }
        // An action changed is always an edit that travels.
        for (const [key, decision] of entered) {
          const record = d.records.find((r) => r.key === key)!;
          if (decision.action !== record.downloaded.action) expect(sent.has(key), key).toBe(true);
        }
      }),
      { numRuns: runs(24) },
    );
  });

  it("an error file from the portal, then a fix, then export: the next upload carries the fix", async () => {
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.constantFrom("A" as const, "B" as const), async (c, shape) => {
        const { d, gateway } = await imported({ ...c, records: c.records + 6 });
        const entered = await decide(gateway, d.records, 0.8, c.seed);
        const first = await uploadTexts(gateway);
        const { root, errors } = generateErrorFile(first, { share: 0.5, seed: c.seed, shape });
        const applied = await applyErrorFile(gateway, [{ name: "error.json", bytes: downloadBytes(root) }]);
        expect(applied.unmatched).toEqual([]);

        const refusedKeys = new Set<string>();
        for (const record of d.records) {
          const marked = await cellOf(gateway, record, HEADERS.portalErrors);
          const sentFirst = uploadedRecords(first).has(record.key);
          if (marked !== null) refusedKeys.add(record.key);
          // Only records the portal refused carry its error.
          if (!sentFirst) expect(marked, record.key).toBeNull();
        }
        expect(refusedKeys.size).toBe(errors);

        const fixes = new Map<string, Decision>();
        for (const record of d.records.filter((r) => refusedKeys.has(r.key))) {
          const fix = fixFor(record, entered.get(record.key) ?? record.downloaded);
          if (!fix) continue;
          await enterDecision(gateway, record, fix);
          fixes.set(record.key, fix);
        }
        const second = uploadedRecords(await uploadTexts(gateway));
        for (const [key, fix] of fixes) {
          expect(second.get(key), key).toHaveLength(1);
          expect(second.get(key)![0].action).toBe(fix.action);
        }
      }),
      { numRuns: runs(16) },
    );
  });

  it("an upload marked processed, whole or part by part, before or after its error file is open: the next one carries what the portal refused and the parts not marked, as sent", async () => {
    const partsChosen = fc.option(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.constantFrom("A" as const, "B" as const), fc.integer({ min: 1, max: 6 }), partsChosen, fc.boolean(), async (c, shape, maxRecords, ticks, markedFirst) => {
        const { d, gateway } = await imported({ ...c, records: c.records + 6 });
        await decide(gateway, d.records, 0.8, c.seed);
        const first = await uploadTexts(gateway, { maxRecords });
        if (first.length === 0) return;
        const { root } = generateErrorFile(first, { share: 0.5, seed: c.seed, shape });
        const openErrorFile = () => applyErrorFile(gateway, [{ name: "error.json", bytes: downloadBytes(root) }]);
        // The parts ticked (part n is the n-th file), or all of them; marked after the error file is open, or before.
        const chosen = ticks?.map((on, i) => (on && i < first.length ? i + 1 : 0)).filter((n) => n > 0);
        const which = chosen && chosen.length > 0 ? chosen : "all";
        if (markedFirst) await markUploadProcessed(gateway, which);
        await openErrorFile();
        if (!markedFirst) await markUploadProcessed(gateway, which);
        const refused = new Set<string>();
        for (const record of d.records) if ((await cellOf(gateway, record, HEADERS.portalErrors)) !== null) refused.add(record.key);

        const expected = new Set<string>();
        first.forEach((text, i) => {
          const marked = which === "all" || which.includes(i + 1);
          for (const key of uploadedRecords([text]).keys()) if (!marked || refused.has(key)) expected.add(key);
        });
        const sentFirst = uploadedRecords(first);
        const second = uploadedRecords(await uploadTexts(gateway));
        expect([...second.keys()].sort()).toEqual([...expected].sort());
        for (const [key, copies] of second) expect(copies, key).toEqual(sentFirst.get(key));
      }),
      { numRuns: runs(16) },
    );
  });

  it("a re-import never drops an entered decision without listing it", async () => {
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.integer({ min: 0, max: 1_000 }), async (c, change) => {
        const { d, gateway } = await imported(c);
        const entered = await decide(gateway, d.records, 0.6, c.seed);
        const next = newerDownload(d.root, d.recipientGstin, change);
        const report = await importDownloads(gateway, [next.file], { now: NOW });
        expect(report.merge).toBeDefined();
        const merge = report.merge!;
        const after = await readWorkbook(gateway);
        for (const [key, decision] of entered) {
          const now = after.byKey.get(key);
          const kept = now !== undefined && sameDecision(now.decision, decision);
          const reset = merge.resetAndFlagged.some((r) => r.record.key === key && r.discarded !== undefined);
          const vanished = merge.vanished.some((r) => r.record.key === key && r.decision !== undefined);
          expect(kept || reset || vanished, key).toBe(true);
          if (kept) expect(merge.kept.some((k) => k.record.key === key)).toBe(true);
        }
        expect(after.problems).toEqual([]);
      }),
      { numRuns: runs(20) },
    );
  });

  it("no value from a file, an error file or the keyboard ever turns into a formula", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.constantFrom(...HOSTILE_TEXTS), { minLength: 1, maxLength: 4 }), async (seed, typed) => {
        const { d, gateway } = await imported({ seed, records: 12, hostile: true, envelope: "offline" });
        const formulas = () => gateway.excel.inspect.formulas();
        expect(formulas()).toEqual([]);
        // Hostile names and numbers arrive as exactly the downloaded strings.
        for (const record of d.records) {
          expect(await cellOf(gateway, record, HEADERS.supplierName)).toBe(record.supplierName === "" ? null : record.supplierName);
          expect(await cellOf(gateway, record, HEADERS.documentNumber)).toBe(record.documentNumber);
        }
        // The user types formula-like remarks; Validate, the portal's error file and a re-import write around them.
        const targets = d.records.slice(0, typed.length);
        for (const [i, record] of targets.entries()) {
          await enterDecision(gateway, record, { action: "R", remarks: typed[i], itc: null, declared: NO_DECLARED_AMOUNTS });
        }
        await validateWorkbook(gateway, { now: NOW });
        const result = await generateUpload(gateway, { now: NOW });
        const texts = result.kind === "files" ? result.files.map((f) => f.text) : [];
        const { root } = generateErrorFile(texts, { share: 1, seed, shape: "A" });
        const hostileErrors = JSON.parse(JSON.stringify(root).replace(/"error_msg":"[^"]*"/g, `"error_msg":${JSON.stringify(typed[0])}`)) as Record<string, unknown>;
        await applyErrorFile(gateway, [{ name: "error.json", bytes: downloadBytes(hostileErrors) }]);
        await importDownloads(gateway, [d.file], { now: NOW });
        expect(formulas()).toEqual([]);
        for (const [i, record] of targets.entries()) expect(await cellOf(gateway, record, HEADERS.remarks)).toBe(typed[i]);
      }),
      { numRuns: runs(12) },
    );
  });

  it("whatever is pasted into any editable cell, Validate and Generate answer without failing", async () => {
    const pasted = fc.oneof(fc.constantFrom(...HOSTILE_TEXTS, "Accept", "accept ", "NO ACTION", "Partial", "-1", "1e400", "   "), fc.string({ maxLength: 12 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.array(fc.tuple(fc.nat(), fc.nat(), pasted), { minLength: 1, maxLength: 10 }), async (c, pastes) => {
        const { d, gateway } = await imported(c);
        for (const [r, col, value] of pastes) {
          const record = d.records[r % d.records.length];
          const editable = sectionSpec(record.section).itcDeclaration
            ? [HEADERS.action, HEADERS.remarks, HEADERS.itc, HEADERS.declIgst, HEADERS.declCgst, HEADERS.declSgst, HEADERS.declCess]
            : [HEADERS.action, HEADERS.remarks];
          const header = editable[col % editable.length];
          const sheet = sectionSpec(record.section).sheetName;
          const { header: headers, rows } = await gateway.readSheet(sheet);
          const row = rows.findIndex((x) => x[headers.indexOf(HEADERS.recordKey)] === record.key);
          // Not modelled by the fake in a number cell: which date "12-03-2026" becomes (it depends on the locale).
          if (typeof value === "string" && header.startsWith("Declared") && LOCALE_DATE.test(value)) continue;
          // A paste skips the dropdown's check, as in Excel; the add-in's own write stands for it.
          await gateway.writeCells(sheet, row, headers.indexOf(header), [[value]]);
        }
        // A formula pasted into a number cell is the user's own, as in Excel; the add-in must add none.
        const pastedFormulas = gateway.excel.inspect.formulas();
        const validation = await validateWorkbook(gateway, { now: NOW });
        const result = await generateUpload(gateway, { now: NOW });
        expect(["refused", "files", "nothing-changed"]).toContain(result.kind);
        if (result.kind === "refused") expect(validation.errors.length + result.exportErrors.length).toBeGreaterThan(0);
        expect(gateway.excel.inspect.formulas()).toEqual(pastedFormulas);
      }),
      { numRuns: runs(20) },
    );
  });

  it("whatever is done to a section sheet's rows (sorted, deleted, repeated, any cell changed), Validate and Generate answer, and the upload carries only downloaded records, each once", async () => {
    await fc.assert(
      fc.asyncProperty(workbookCase, fc.nat(), fc.array(sheetDamage(sectionLayout("b2b").sheet.columns.length), { minLength: 1, maxLength: 6 }), async (c, which, damages) => {
        const { d, gateway } = await imported({ ...c, records: c.records + 4 });
        await decide(gateway, d.records, 0.6, c.seed);
        const record = d.records[which % d.records.length];
        const { sheet } = sectionLayout(record.section);
        const { rows } = await gateway.readSheet(sheet.name);
        // Damage in a column this sheet lacks (rows are as wide as the sheet) lands on its last column.
        await gateway.writeSheet(sheet, damageRows(rows, damages.map((x) => ("column" in x ? { ...x, column: Math.min(x.column, sheet.columns.length - 1) } : x))));
        const validation = await validateWorkbook(gateway, { now: NOW });
        const result = await generateUpload(gateway, { now: NOW });
        expect(["refused", "files", "nothing-changed"]).toContain(result.kind);
        if (result.kind === "refused") expect(validation.errors.length + result.exportErrors.length).toBeGreaterThan(0);
        if (result.kind !== "files") return;
        const downloaded = new Set(d.records.map((r) => r.key));
        for (const [key, copies] of uploadedRecords(result.files.map((f) => f.text))) {
          expect(downloaded.has(key), key).toBe(true);
          expect(copies, key).toHaveLength(1);
        }
      }),
      { numRuns: runs(20) },
    );
  });
});

/** Text Excel reads as a date or time by the user's locale when pasted into a number cell. */
const LOCALE_DATE = /^(\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{1,2}:\d{2}(:\d{2})?)$/;

/**
 * A correction of a refused decision: another action the rules accept. A fix
 * that only restores the download sends nothing, rightly, so only fixes that
 * must travel are chosen; a record may have none (undefined).
 */
function fixFor(record: ImsRecord, current: Decision): Decision | undefined {
  const reason = record.remarksBlocked ? "" : "Corrected after the portal's error";
  const candidates: Decision[] = [
    { action: "R", remarks: reason, itc: null, declared: NO_DECLARED_AMOUNTS },
    { action: "A", remarks: "", itc: defaultItcChoiceOnAccept(record), declared: NO_DECLARED_AMOUNTS },
    { action: "A", remarks: reason, itc: defaultItcChoiceOnAccept(record) === null ? null : "none", declared: NO_DECLARED_AMOUNTS },
    { action: "P", remarks: reason, itc: null, declared: NO_DECLARED_AMOUNTS },
  ];
  return candidates.find((d) => d.action !== current.action && isChanged(record, d) && !checkDecision(record, d).some((f) => f.severity === "error"));
}

function sameDecision(a: Decision, b: Decision): boolean {
  const norm = (d: Decision) => JSON.stringify({ ...d, action: isUnreadable(d.action) ? d.action.unreadable : d.action });
  return norm(a) === norm(b);
}

/**
 * The next download of the same taxpayer: some records gone, some changed by
 * their supplier (new hash and amount), some new, the rest as they were.
 */
function newerDownload(root: Record<string, unknown>, recipientGstin: string, seed: number) {
  const next = JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
  const sections = (next.imsDetails ?? next) as Record<string, Record<string, unknown>[]>;
  let i = seed;
  for (const [section, list] of Object.entries(sections)) {
    if (!Array.isArray(list) || section.startsWith("impg")) continue;
    sections[section] = list
      .filter(() => ++i % 5 !== 0)
      .map((r) => (++i % 4 === 0 ? { ...r, hash: `${String(r.hash).slice(0, 60)}beef`, txval: Number(r.txval) + 1 } : r));
  }
  const extra = generateDownload({ records: 4, seed: seed + 7, recipientGstin }).root as { imsDetails: Record<string, unknown[]> };
  for (const [section, list] of Object.entries(extra.imsDetails)) {
    if (!section.startsWith("impg")) sections[section] = [...(sections[section] ?? []), ...(list as Record<string, unknown>[])];
  }
  return fromRoot(next, recipientGstin, "ims-later.json");
}
