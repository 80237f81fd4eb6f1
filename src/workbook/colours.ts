/**
 * The workbook's colours, named once so the Home sheet's legend and the sheets
 * agree. Fills are light so black text stays readable (WCAG contrast).
 */
export const COLOURS = {
  /** Rows with a sheet (validation) error. */
  errorRow: "#FDE2E1",
  /** The cells those errors point at. */
  errorCell: "#F4A6A3",
  /** Rows the portal reported in its error file. */
  portalErrorRow: "#FFE7C2",
  /** Section sheet tabs. */
  sectionTab: "#1F6FB2",
  homeTab: "#107C41",
} as const;
