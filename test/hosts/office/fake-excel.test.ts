import { describe, expect, it } from "vitest";
import { createFakeExcel, NOT_CALCULATED, type FakeExcel, type FakeRequestContext } from "../../../src/hosts/fake-excel";

/**
 * The fake must fail where Excel fails, or the office gateway's tests prove
 * nothing. These tests drive the fake directly, as Office.js code would.
 */

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

function onSheet1(excel: FakeExcel, body: (context: FakeRequestContext, sheet: ReturnType<FakeRequestContext["workbook"]["worksheets"]["getItem"]>) => Promise<void>) {
  return excel.run(async (context) => body(context, context.workbook.worksheets.getItem("Sheet1")));
}

describe("load and sync", () => {
  it("refuses to read a property before it is loaded and synced, as Office.js does", async () => {
    const excel = createFakeExcel();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      expect(() => sheet.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      sheet.load("name");
      expect(() => sheet.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(sheet.name).toBe("Sheet1");
      expect(() => sheet.visibility).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("runs a batch in order: a load queued before a write sees the old value", async () => {
    const excel = createFakeExcel();
    await onSheet1(excel, async (context, sheet) => {
      const cell = sheet.getRangeByIndexes(0, 0, 1, 1);
      cell.values = [["before"]];
      await context.sync();
      const early = sheet.getRangeByIndexes(0, 0, 1, 1).load("values");
      cell.values = [["after"]];
      const late = sheet.getRangeByIndexes(0, 0, 1, 1).load("values");
      await context.sync();
      expect(early.values).toEqual([["before"]]);
      expect(late.values).toEqual([["after"]]);
    });
  });

  it("keeps the operations before a failing one, drops the rest, and delivers no loads", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [["kept"]];
      const loaded = sheet.getRangeByIndexes(0, 0, 1, 1).load("values");
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [["wrong shape"]];
      sheet.getRangeByIndexes(1, 0, 1, 1).values = [["never"]];
      await context.sync().catch((error) => {
        expect(() => loaded.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
        throw error;
      });
    }));
    expect(failure.code).toBe("InvalidArgument");
    expect(excel.inspect.cell("Sheet1", 0, 0).value).toBe("kept");
    expect(excel.inspect.cell("Sheet1", 1, 0).value).toBe("");
  });

  it("reports a missing sheet at sync, and a null object instead with getItemOrNullObject", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(excel.run(async (context) => {
      context.workbook.worksheets.getItem("Nowhere").load("name");
      await context.sync();
    }));
    expect(failure.code).toBe("ItemNotFound");
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Nowhere");
      sheet.load("name");
      await context.sync();
      expect(sheet.isNullObject).toBe(true);
    });
  });

  it("sends what a batch queued after its last sync when Excel.run ends, and refuses its objects afterwards", async () => {
    const excel = createFakeExcel();
    let kept: ReturnType<FakeRequestContext["workbook"]["worksheets"]["getItem"]> | undefined;
    await onSheet1(excel, async (_context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [["sent by run"]];
      kept = sheet;
    });
    expect(excel.inspect.cell("Sheet1", 0, 0).value).toBe("sent by run");
    expect(() => kept!.getRangeByIndexes(0, 0, 1, 1)).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
  });

  it("refuses calls above its requirement set with ApiNotFound", async () => {
    const excel = createFakeExcel({ apiVersion: "1.8" });
    expect(excel.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(excel.isSetSupported("ExcelApi", "1.9")).toBe(false);
    const failure = await rejection(excel.run(async (context) => {
      context.application.suspendScreenUpdatingUntilNextSync();
      await context.sync();
    }));
    expect(failure.code).toBe("ApiNotFound");
  });
});

describe("payload limits", () => {
  const sixMegabytes = [["x".repeat(30_000)]];
  const writeBig = (excel: FakeExcel) => onSheet1(excel, async (context, sheet) => {
    for (let row = 0; row < 200; row++) sheet.getRangeByIndexes(row, 0, 1, 1).values = sixMegabytes;
    await context.sync();
  });

  it("refuses a request over 5 MB on the web, before applying any of it", async () => {
    const excel = createFakeExcel({ platform: "web" });
    const failure = await rejection(writeBig(excel));
    expect(failure.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(excel.inspect.sheet("Sheet1").usedRange).toBeNull();
    expect(excel.syncs.at(-1)!.requestBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(excel.syncs.at(-1)!.failed).toBe("RequestPayloadSizeLimitExceeded");
  });

  it("accepts the same request on Windows, where no limit is documented", async () => {
    const excel = createFakeExcel({ platform: "PC" });
    await writeBig(excel);
    expect(excel.inspect.sheet("Sheet1").usedRange).toBe("A1:A200");
  });

  it("refuses a response over 5 MB on the web", async () => {
    const excel = createFakeExcel({ platform: "web" });
    await onSheet1(excel, async (context, sheet) => {
      for (let block = 0; block < 4; block++) {
        sheet.getRangeByIndexes(block * 50, 0, 50, 1).values = Array.from({ length: 50 }, () => ["y".repeat(30_000)]);
        await context.sync();
      }
    });
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 200, 1).load("values");
      await context.sync();
    }));
    expect(failure.code).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("returns null, not values, for a read over 5,000,000 cells", async () => {
    const excel = createFakeExcel();
    await onSheet1(excel, async (context, sheet) => {
      const huge = sheet.getRangeByIndexes(0, 0, 1_000_000, 6).load("values");
      await context.sync();
      expect(huge.values).toBeNull();
    });
  });
});

describe("text versus formula", () => {
  const cases: [string, unknown, unknown][] = [
    // [written, in a General cell, in a Text ("@") cell]
    ["=HYPERLINK(\"http://x\")", { formula: "=HYPERLINK(\"http://x\")" }, "=HYPERLINK(\"http://x\")"],
    ["+91 98200 00000", { formula: "=+91 98200 00000" }, "+91 98200 00000"],
    ["@x", { formula: "=@x" }, "@x"],
    ["-5", -5, "-5"],
    ["0012", 12, "0012"],
    ["2025260000000417", 2025260000000420, "2025260000000417"],
    ["TRUE", true, "TRUE"],
    ["'0012", "0012", "'0012"],
    ["Shree Ganesh Traders", "Shree Ganesh Traders", "Shree Ganesh Traders"],
  ];

  it.each(cases)("%s becomes what Excel makes of it", async (written, general, text) => {
    const excel = createFakeExcel();
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 1, 1, 1).numberFormat = "@";
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [[written, written]];
      await context.sync();
    });
    const [plain, asText] = [excel.inspect.cell("Sheet1", 0, 0), excel.inspect.cell("Sheet1", 0, 1)];
    if (typeof general === "object") {
      expect(plain.formula).toBe((general as { formula: string }).formula);
      expect(plain.value).toBe(NOT_CALCULATED);
    } else {
      expect(plain.formula).toBeNull();
      expect(plain.value).toBe(general);
    }
    expect(asText).toMatchObject({ value: text, formula: null, numberFormat: "@" });
  });

  it("refuses to guess how a locale would read a date typed as text into a non-text cell", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [["01-04-2025"]];
      await context.sync();
    }));
    expect(failure.code).toBe("NotImplemented");
  });

  it("leaves a cell alone for null and empties it for an empty string", async () => {
    const excel = createFakeExcel();
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [["a", "b"]];
      await context.sync();
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [[null, ""]];
      await context.sync();
    });
    expect(excel.inspect.cell("Sheet1", 0, 0).value).toBe("a");
    expect(excel.inspect.cell("Sheet1", 0, 1).value).toBe("");
  });

  it("refuses text longer than a cell holds", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [["z".repeat(32_768)]];
      await context.sync();
    }));
    expect(failure.code).toBe("InvalidArgument");
  });
});

describe("protection", () => {
  async function protectedWithUnlockedB(excel: FakeExcel): Promise<void> {
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 2, 2).values = [["locked", "open"], ["locked", "open"]];
      sheet.getRangeByIndexes(0, 1, 2, 1).format.protection.locked = false;
      sheet.protection.protect({ allowAutoFilter: true });
      await context.sync();
    });
  }

  it("refuses a write touching a locked cell and changes nothing, but takes writes to unlocked cells", async () => {
    const excel = createFakeExcel();
    await protectedWithUnlockedB(excel);
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [["changed", "changed"]];
      await context.sync();
    }));
    expect(failure.code).toBe("AccessDenied");
    expect(excel.inspect.cell("Sheet1", 0, 1).value).toBe("open");
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 1, 2, 1).values = [["Accept"], ["Reject"]];
      await context.sync();
    });
    expect(excel.inspect.cell("Sheet1", 1, 1).value).toBe("Reject");
  });

  it("refuses formatting a protected sheet", async () => {
    const excel = createFakeExcel();
    await protectedWithUnlockedB(excel);
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 1, 1).numberFormat = "@";
      await context.sync();
    }));
    expect(failure.code).toBe("AccessDenied");
  });

  it("refuses protect() on a protected sheet and unprotect() on an open one (office-js #6784)", async () => {
    const excel = createFakeExcel();
    await protectedWithUnlockedB(excel);
    const twice = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.protection.protect();
      await context.sync();
    }));
    expect(twice.code).toBe("AccessDenied");
    await onSheet1(excel, async (context, sheet) => {
      sheet.protection.unprotect();
      await context.sync();
    });
    const again = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.protection.unprotect();
      await context.sync();
    }));
    expect(again.code).toBe("AccessDenied");
  });

  it("refuses a password when unprotecting a sheet protected without one (office-js #762)", async () => {
    const excel = createFakeExcel();
    await protectedWithUnlockedB(excel);
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.protection.unprotect("secret");
      await context.sync();
    }));
    expect(failure.code).toBe("InvalidArgument");
  });

  it("lets the user type only in unlocked cells", async () => {
    const excel = createFakeExcel();
    await protectedWithUnlockedB(excel);
    expect(() => excel.user.type("Sheet1", 0, 0, "typed")).toThrow(expect.objectContaining({ code: "AccessDenied" }));
    excel.user.type("Sheet1", 0, 1, "typed");
    expect(excel.inspect.cell("Sheet1", 0, 1).value).toBe("typed");
  });
});

describe("sheets, dropdowns and filters", () => {
  it("keeps one visible sheet, and cannot activate a very hidden one", async () => {
    const excel = createFakeExcel();
    const last = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.visibility = "VeryHidden";
      await context.sync();
    }));
    expect(last.code).toBe("InvalidOperation");
    await excel.run(async (context) => {
      const state = context.workbook.worksheets.add("_state");
      state.visibility = excel.SheetVisibility.veryHidden;
      await context.sync();
    });
    expect(excel.inspect.sheet("_state").visibility).toBe("VeryHidden");
    const activate = await rejection(excel.run(async (context) => {
      context.workbook.worksheets.getItem("_state").activate();
      await context.sync();
    }));
    expect(activate.code).toBe("InvalidOperation");
  });

  it("refuses duplicate sheet names without regard to case", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(excel.run(async (context) => {
      context.workbook.worksheets.add("SHEET1");
      await context.sync();
    }));
    expect(failure.code).toBe("ItemAlreadyExists");
  });

  it("refuses an inline dropdown list longer than 255 characters", async () => {
    const excel = createFakeExcel();
    const failure = await rejection(onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(1, 0, 5, 1).dataValidation.rule = { list: { inCellDropDown: true, source: Array.from({ length: 60 }, (_, i) => `Choice${i}`).join(",") } };
      await context.sync();
    }));
    expect(failure.code).toBe("InvalidArgument");
  });

  it("hides rows when a filter is applied, and not again until it is re-applied, as Excel does", async () => {
    const excel = createFakeExcel();
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(0, 0, 4, 2).values = [["Doc", "Errors"], ["A", "|x|"], ["B", ""], ["C", "|y|"]];
      sheet.autoFilter.apply(sheet.getRangeByIndexes(0, 0, 4, 2), 1, { filterOn: excel.FilterOn.custom, criterion1: "<>" });
      await context.sync();
    });
    expect(excel.inspect.sheet("Sheet1").hiddenRows).toEqual([2]);
    await onSheet1(excel, async (context, sheet) => {
      sheet.getRangeByIndexes(1, 1, 1, 1).values = [[""]];
      await context.sync();
    });
    expect(excel.inspect.sheet("Sheet1").hiddenRows).toEqual([2]);
    await onSheet1(excel, async (context, sheet) => {
      sheet.autoFilter.clearCriteria();
      await context.sync();
    });
    expect(excel.inspect.sheet("Sheet1").hiddenRows).toEqual([]);
  });
});
