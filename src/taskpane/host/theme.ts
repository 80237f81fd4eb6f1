/** Light or dark, following Office's theme in Excel and the system's setting in the preview. */
export type ThemeName = "light" | "dark";

/** Relative luminance of a #rrggbb colour (WCAG 2), or undefined for anything else. */
function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The theme for Office's body background colour (dark grey and black are dark). */
export function themeForBackground(background: string | undefined): ThemeName | undefined {
  if (background === undefined) return undefined;
  const l = luminance(background);
  if (l === undefined) return undefined;
  return l < 0.3 ? "dark" : "light";
}

export function systemTheme(): ThemeName {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
