import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/ims/rules";
import { RULE_TABLE_HEADER, ruleTableRow } from "./rules-support";

/**
 * docs/rules.md must list exactly the rules in RULES, with the same severity,
 * condition, message, field, scope, source and confidence. On failure, paste
 * the expected rows printed by the assertion into the table.
 */

const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");

function section(startMarker: string, endMarker: string): string[] {
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  expect(start, `marker ${startMarker}`).toBeGreaterThanOrEqual(0);
  expect(end, `marker ${endMarker}`).toBeGreaterThan(start);
  return doc.slice(doc.indexOf("\n", start) + 1, end).split("\n").filter((line) => line.trim() !== "");
}

const CODE = /^\| ([A-Z]{3}-\d{2}[a-z]?) \|/;

describe("docs/rules.md", () => {
  const rows = section("<!-- rules-table:start", "<!-- rules-table:end -->");

  it("lists exactly the codes in RULES, in table order", () => {
    const codes = rows.map((row) => CODE.exec(row)?.[1]).filter((c): c is string => c !== undefined);
    expect(codes).toEqual(RULES.map((r) => r.code));
  });

  it("matches RULES row by row", () => {
    expect(rows).toEqual([...RULE_TABLE_HEADER, ...RULES.map(ruleTableRow)]);
  });

  it("names the rules that raise no finding separately, without overlapping RULES", () => {
    const rest = doc.slice(doc.indexOf("## Rules that raise no finding here"), doc.indexOf("## Choices made"));
    // The first cell of each row of that table lists the codes.
    const elsewhere = rest.split("\n").filter((line) => line.startsWith("| ")).flatMap((line) => line.split("|")[1].match(/[A-Z]{3}-\d{2}/g) ?? []);
    expect(elsewhere).toEqual(expect.arrayContaining(["RMK-01", "RMK-02", "ITC-12", "ACT-08", "FMT-08", "ACT-06"]));
    const inTable = new Set(RULES.map((r) => r.code));
    expect(elsewhere.filter((c) => inTable.has(c))).toEqual([]);
  });
});

describe("RULES", () => {
  it("has unique codes, a source naming the spec rule, and at least one severity and field", () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
    for (const rule of RULES) {
      const specRule = rule.code === "FMT-04a" ? "FMT-04, applied to the ITC cell" : rule.code; // the one rule added here
      expect(rule.source, rule.code).toMatch(new RegExp(`; ims-rules ${specRule}$`));
      expect(rule.severities.length, rule.code).toBeGreaterThan(0);
      expect(rule.fields.length, rule.code).toBeGreaterThan(0);
      expect(rule.appliesTo, rule.code).not.toBe("");
    }
  });
});
