import { FakeExcelError } from "./errors";
import { SheetModel, type SheetJson, type Visibility } from "./sheet";

/** The saved form of the in-memory workbook: what survives closing and reopening it. */
export interface FakeWorkbookJson {
  readonly format: "ims-offline-fake-excel";
  readonly version: 1;
  readonly activeSheet: string;
  readonly sheets: readonly SheetJson[];
}

const FORBIDDEN_IN_NAMES = /[\\/?*:[\]]/;

/** The workbook: its sheets in tab order and the active one. */
export class WorkbookModel {
  sheets: SheetModel[] = [];
  private activeId = 0;
  private nextId = 1;

  /** A new workbook, as Excel opens one: a single visible, active "Sheet1". */
  static blank(): WorkbookModel {
    const workbook = new WorkbookModel();
    workbook.activeId = workbook.add("Sheet1").id;
    return workbook;
  }

  /** Sheet names are matched without regard to case, as Excel does. */
  find(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
  }

  get active(): SheetModel {
    return this.sheets.find((sheet) => sheet.id === this.activeId)!;
  }

  add(name?: string): SheetModel {
    const chosen = name ?? this.freeName();
    if (chosen.length === 0 || chosen.length > 31 || FORBIDDEN_IN_NAMES.test(chosen) || chosen.startsWith("'") || chosen.endsWith("'")) {
      throw new FakeExcelError("InvalidArgument", `"${chosen}" is not a valid sheet name: 1 to 31 characters, none of \\ / ? * : [ ], not starting or ending with an apostrophe.`);
    }
    if (this.find(chosen)) throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${chosen}" already exists.`);
    const sheet = new SheetModel(this.nextId++, chosen);
    this.sheets.push(sheet);
    return sheet;
  }

  setVisibility(sheet: SheetModel, visibility: unknown): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") {
      throw new FakeExcelError("InvalidArgument", `"${String(visibility)}" is not a sheet visibility.`);
    }
    if (visibility !== "Visible" && sheet.visibility === "Visible" && this.sheets.filter((s) => s.visibility === "Visible").length === 1) {
      throw new FakeExcelError("InvalidOperation", `"${sheet.name}" is the only visible sheet; a workbook must keep one.`);
    }
    sheet.visibility = visibility as Visibility;
    if (visibility !== "Visible" && sheet.id === this.activeId) {
      this.activeId = this.sheets.find((s) => s.visibility === "Visible")!.id;
    }
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `The sheet "${sheet.name}" is hidden and cannot be activated.`);
    this.activeId = sheet.id;
  }

  toJSON(): FakeWorkbookJson {
    return { format: "ims-offline-fake-excel", version: 1, activeSheet: this.active.name, sheets: this.sheets.map((sheet) => sheet.toJSON()) };
  }

  static fromJSON(json: unknown): WorkbookModel {
    const saved = json as Partial<FakeWorkbookJson> | null;
    if (!saved || saved.format !== "ims-offline-fake-excel" || saved.version !== 1 || !Array.isArray(saved.sheets) || saved.sheets.length === 0) {
      throw new Error("This is not a saved in-memory workbook (format ims-offline-fake-excel, version 1, with at least one sheet).");
    }
    const workbook = new WorkbookModel();
    for (const sheet of saved.sheets) workbook.sheets.push(SheetModel.fromJSON(workbook.nextId++, sheet));
    workbook.activeId = (workbook.find(saved.activeSheet ?? "") ?? workbook.sheets[0]).id;
    return workbook;
  }

  private freeName(): string {
    let n = this.sheets.length + 1;
    while (this.find(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }
}
