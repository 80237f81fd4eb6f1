import type { CommandSpec } from "./args";

/**
 * What each command accepts and how its help reads. Kept apart from the
 * commands themselves so `--help` answers without loading ExcelJS or the domain.
 * docs/cli.md describes the same commands for readers.
 */

const JSON_OPTION = { type: "boolean", description: "Print the result as JSON on stdout instead of the readable report." } as const;

export const SPECS = {
  import: {
    name: "import",
    summary: "Create the IMS workbook from portal downloads, or merge a newer download into it.",
    positionals: ["<download.json|.zip>..."],
    required: 1,
    options: {
      out: { type: "string", value: "<book.xlsx>", description: "The workbook to create, or to merge into when it exists.", required: true, extension: ".xlsx", fileKind: "an Excel workbook" },
      gstin: { type: "string", value: "<GSTIN>", description: "Your GSTIN, the recipient's (needed for the upload when the download does not carry it)." },
    },
    details: [
      "Reads the JSON files downloaded from the GST portal (IMS Dashboard > Offline > Download JSON, or the API download), zipped or not. " +
        "Into a new workbook it writes the Home sheet, one sheet per IMS section and the hidden original download. " +
        "Into a workbook that already holds IMS data it merges: decisions on unchanged records are kept, records the supplier changed are reset and flagged, records no longer in the download are listed.",
      "Exit codes: 0 imported; 2 wrong command line; 3 a file is missing or not an IMS download (nothing is written).",
    ],
    examples: [
      "ims-offline import ims_download.json --out march.xlsx --gstin 27AAGCK4821M1Z8",
      "ims-offline import ims_download_2.json --out march.xlsx",
    ],
  },
  validate: {
    name: "validate",
    summary: "Check every decision in the workbook and mark the problems in it.",
    positionals: ["<book.xlsx>"],
    required: 1,
    options: { json: JSON_OPTION },
    details: [
      "Runs every rule on every row, writes the Sheet Errors column and the highlights into the workbook, and prints a report. " +
        "With --json it prints {\"errors\":[...],\"warnings\":[...]}, each item {\"sheet\",\"row\",\"column\",\"code\",\"message\"}: row is the worksheet row number, column the header text.",
      "Exit codes: 0 no errors (warnings allowed); 1 errors stand; 2 wrong command line; 3 the workbook cannot be read.",
    ],
    examples: ["ims-offline validate march.xlsx", "ims-offline validate march.xlsx --json"],
  },
  export: {
    name: "export",
    summary: "Write the upload file (JSON) with the decisions you changed.",
    positionals: ["<book.xlsx>"],
    required: 1,
    options: {
      out: { type: "string", value: "<upload.json>", description: "Where to write the upload.", required: true, extension: ".json", fileKind: "the portal uploads JSON" },
      "max-bytes": { type: "string", value: "<N>", description: "Split the upload into <name>-part1.json, -part2.json ... when larger than N bytes (default 4000000)." },
      gstin: { type: "string", value: "<GSTIN>", description: "Your GSTIN, when the workbook does not know it yet; it is kept in the workbook." },
    },
    details: [
      "Validates first; while errors stand it writes nothing. When no decision changed since the download it says so and writes no file. " +
        "Otherwise it writes the upload, split into parts when it is larger than the limit, and prints the paths. Upload each file on the portal (IMS Dashboard > Offline > Upload).",
      "Exit codes: 0 written, or nothing to upload; 1 errors stand (nothing written); 2 wrong command line; 3 the workbook cannot be read or the file cannot be written.",
    ],
    examples: ["ims-offline export march.xlsx --out upload.json", "ims-offline export march.xlsx --out upload.json --max-bytes 4000000"],
  },
  "apply-errors": {
    name: "apply-errors",
    summary: "Mark the rows the portal rejected, from its error file.",
    positionals: ["<error-file.json|.zip>", "<book.xlsx>"],
    required: 2,
    options: { json: JSON_OPTION },
    details: [
      "Reads the error file the portal gives after an upload and writes each error into the Portal Errors column of its row. " +
        "With --json it prints {\"matched\":[{\"sheet\",\"row\",\"code\",\"message\"}],\"unmatched\":[...]}.",
      "Exit codes: 0 applied; 2 wrong command line; 3 a file is missing or not what it should be.",
    ],
    examples: ["ims-offline apply-errors error_report.json march.xlsx"],
  },
  "mark-processed": {
    name: "mark-processed",
    summary: "Once the portal has processed the last upload, take what it sent as the records' new starting point.",
    positionals: ["<book.xlsx>"],
    required: 1,
    options: {
      parts: { type: "string", value: "<N,N...>", description: "Mark only these parts of a split upload (1 for <name>-part1.json, and so on), as the portal processes them. Default: every part not yet marked." },
      json: JSON_OPTION,
    },
    details: [
      "Run it when the portal shows the upload as Processed, or Processed with Error after apply-errors has marked the rows it refused. " +
        "Every record of the last upload the portal did not refuse then stands as sent, so the next export leaves it out unless you change it again; " +
        "the rows the portal refused keep their starting point, to be corrected and exported again. " +
        "A split upload is marked as a whole, or part by part with --parts, as the portal processes each file. " +
        "With --json it prints {\"rebased\",\"withPortalErrors\",\"withoutRow\",\"marked\",\"parts\",\"stillToMark\"}.",
      "Exit codes: 0 marked; 1 nothing to mark (no upload was exported from this workbook, every part of the last one is marked already, or a part given is not in it or is marked already); 2 wrong command line; 3 the workbook cannot be read or written.",
    ],
    examples: ["ims-offline mark-processed march.xlsx", "ims-offline mark-processed march.xlsx --parts 1,2"],
  },
  summary: {
    name: "summary",
    summary: "Counts and amounts by section and action, before and after your decisions.",
    positionals: ["<book.xlsx>"],
    required: 1,
    options: { json: JSON_OPTION },
    details: ["Exit codes: 0 printed; 2 wrong command line; 3 the workbook cannot be read."],
    examples: ["ims-offline summary march.xlsx", "ims-offline summary march.xlsx --json"],
  },
  reconcile: {
    name: "reconcile",
    summary: "Match the IMS records with your purchase register and suggest an action per record.",
    positionals: ["<book.xlsx>", "<register.xlsx|.csv>"],
    required: 2,
    options: {
      tolerance: { type: "string", value: "<rupees>", description: "Largest difference per amount still counted as a match (default 1)." },
      apply: { type: "boolean", description: "Also put the ready suggestions into the decisions (not those to review, nor those left to you)." },
      json: JSON_OPTION,
    },
    details: [
      "Reads your purchase register (an .xlsx or .csv export from your accounting software; its header row and columns are recognised by their headers), " +
        "matches it with the IMS records and writes, beside each row's decision, the match and the suggested action; the books rows IMS does not have go on the Missing in IMS sheet. " +
        "The decisions themselves change only with --apply (the add-in's Apply suggestions does the same, and can undo it).",
      "Exit codes: 0 reconciled; 2 wrong command line; 3 a file cannot be read or a needed column is not recognised (nothing is written).",
    ],
    examples: [
      "ims-offline reconcile march.xlsx purchases.csv",
      "ims-offline reconcile march.xlsx purchases.xlsx --tolerance 5 --json",
      "ims-offline reconcile march.xlsx purchases.csv --apply",
    ],
  },
  demo: {
    name: "demo",
    summary: "See the whole flow on the bundled sample: import, validate, summary.",
    positionals: [],
    required: 0,
    options: {
      out: { type: "string", value: "<dir>", description: "Folder for the demo workbook (default: a new temporary folder)." },
    },
    details: [
      "Imports the sample download that ships with ims-offline (recipient GSTIN 27AAGCK4821M1Z8, supplied by the demo), validates it, prints the summary and where the workbook is. Open it in Excel or LibreOffice to see the layout.",
      "Exit codes: 0 done; 2 wrong command line; 3 the folder cannot be written.",
    ],
    examples: ["ims-offline demo", "ims-offline demo --out ./demo"],
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof SPECS;
