import { describe, it, expect } from "vitest";
import { themeForBackground } from "../../src/taskpane/host/theme";
import { saveMethodFor } from "../../src/taskpane/save/save-file";

describe("pane theme from Office's body background", () => {
  it("reads Office's dark themes as dark and the light ones as light", () => {
    expect(themeForBackground("#262626")).toBe("dark"); // Dark Gray
    expect(themeForBackground("#000000")).toBe("dark"); // Black
    expect(themeForBackground("#1f1f1f")).toBe("dark");
    expect(themeForBackground("#ffffff")).toBe("light"); // White, Colorful
    expect(themeForBackground("#E6E6E6")).toBe("light");
  });

  it("leaves the choice to the system when Office says nothing readable", () => {
    expect(themeForBackground(undefined)).toBeUndefined();
    expect(themeForBackground("rgb(0,0,0)")).toBeUndefined();
    expect(themeForBackground("")).toBeUndefined();
  });
});

describe("how the upload file is saved", () => {
  it("downloads on Windows, the web and unknown hosts, and copies on the Mac and iPad", () => {
    expect(saveMethodFor("windows")).toBe("download");
    expect(saveMethodFor("web")).toBe("download");
    expect(saveMethodFor(undefined)).toBe("download");
    expect(saveMethodFor("mac")).toBe("copy");
    expect(saveMethodFor("ipad")).toBe("copy");
  });
});
