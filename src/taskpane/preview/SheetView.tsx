import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Caption1, Subtitle2, Tab, TabList, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { CellValue, ColumnSpec, WorkbookGateway } from "../../workbook/gateway";
import { HEADERS, layoutBySheetName, worksheetRow } from "../../workbook/section-sheet";
import { COLOURS } from "../../workbook/colours";
import { HOME_SHEET } from "../../workbook/home-sheet";

/**
 * The browser preview's stand-in for Excel's grid: the section sheets of the
 * in-memory workbook, the rows the current filter shows, the error
 * highlighting, and the editable cells (Action, Remarks, ITC Reduction,
 * declared amounts) a user would type into in Excel. Edits go through the
 * same gateway the pane uses, as typing in Excel changes the same cells.
 */

const MAX_ROWS = 300;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, height: "100%" },
  scroller: { overflow: "auto", flex: 1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  th: {
    position: "sticky", top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", whiteSpace: "nowrap", textAlign: "start",
  },
  td: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", whiteSpace: "nowrap", maxWidth: "320px", overflow: "hidden", textOverflow: "ellipsis" },
  rowNumber: { color: tokens.colorNeutralForeground3, backgroundColor: tokens.colorNeutralBackground3, textAlign: "end" },
  // The workbook's own fills, with dark text on them whatever the pane's theme.
  errorRow: { backgroundColor: COLOURS.errorRow, color: "#242424" },
  portalRow: { backgroundColor: COLOURS.portalErrorRow, color: "#242424" },
  errorCell: { backgroundColor: COLOURS.errorCell },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  input: { font: "inherit", color: "inherit", background: "transparent", border: "none", width: "100%", minWidth: "80px", padding: 0 },
  empty: { padding: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
});

interface SheetData {
  readonly name: string;
  readonly header: string[];
  readonly rows: { index: number; cells: CellValue[] }[];
  readonly totalRows: number;
  readonly columns: readonly ColumnSpec[] | undefined;
}

function display(value: CellValue, kind: ColumnSpec["kind"] | undefined): string {
  if (value === null) return "";
  if (typeof value === "number" && kind === "date") {
    const d = new Date(Math.round((value - 25569) * 86_400_000));
    return `${String(d.getUTCDate()).padStart(2, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${d.getUTCFullYear()}`;
  }
  if (typeof value === "number" && kind === "amount") return value.toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(value);
}

/** What typing `text` into a cell of this kind stores, as Excel would: numbers in number columns. */
function typed(text: string, kind: ColumnSpec["kind"]): CellValue {
  const t = text.trim();
  if (t === "") return null;
  if ((kind === "amount" || kind === "integer") && /^-?\d+(\.\d+)?$/.test(t.replace(/,/g, ""))) return Number(t.replace(/,/g, ""));
  return text;
}

export interface SheetViewProps {
  readonly gateway: WorkbookGateway;
  /** Changes whenever the workbook may have changed. */
  readonly version: number;
}

export function SheetView({ gateway, version }: SheetViewProps) {
  const styles = useStyles();
  const [names, setNames] = useState<string[]>([]);
  // The sheet the user picked (or the selection moved to); until then Home, as after an import.
  const [chosen, setChosen] = useState<string>();
  const active = chosen && names.includes(chosen) ? chosen : names.includes(HOME_SHEET) ? HOME_SHEET : names[0];
  const [data, setData] = useState<SheetData>();
  const [selection, setSelection] = useState<{ sheet: string; rows: number[] }>();
  // The view follows Excel's selection when it moves (a clicked message selects its cell), not on every change.
  const lastSelection = useRef<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void (async () => {
      // Sheets whose names start with "_" hold the workbook's own state (veryHidden in Excel).
      const all = (await gateway.sheetNames()).filter((n) => !n.startsWith("_"));
      const selected = all.length > 0 ? await gateway.selectedRows().catch(() => undefined) : undefined;
      if (!live) return;
      // The first look is where the selection starts, not a move.
      const seen = JSON.stringify(selected ?? null);
      const moved = selected !== undefined && lastSelection.current !== undefined && seen !== lastSelection.current;
      lastSelection.current = seen;
      setNames(all);
      setSelection(selected);
      if (moved && all.includes(selected.sheet)) setChosen(selected.sheet);
    })();
    return () => { live = false; };
  }, [gateway, version]);

  useEffect(() => {
    if (!active) { setData(undefined); return; }
    let live = true;
    void (async () => {
      const sheet = await gateway.readSheet(active);
      const visible = new Set(await gateway.visibleRows(active));
      const shown = sheet.rows.map((cells, index) => ({ index, cells })).filter((r) => visible.has(r.index));
      if (!live) return;
      setData({ name: active, header: sheet.header, rows: shown.slice(0, MAX_ROWS), totalRows: sheet.rows.length, columns: layoutBySheetName(active)?.sheet.columns });
    })();
    return () => { live = false; };
  }, [gateway, active, version]);

  const edit = (row: number, column: number, value: CellValue) => {
    if (!data) return;
    void gateway.writeCells(data.name, row, column, [[value]]);
  };

  if (names.length === 0) {
    return <div className={styles.empty}>This workbook has no sheets. Open a downloaded IMS JSON file in the pane to fill it.</div>;
  }

  const columns = data?.columns;
  const shownColumns = data ? data.header.map((h, i) => ({ header: h, index: i, spec: columns?.[i] })).filter((c) => !c.spec?.hidden) : [];
  const errorCellsAt = data?.header.indexOf(HEADERS.errorCells) ?? -1;
  const portalAt = data?.header.indexOf(HEADERS.portalErrors) ?? -1;

  return (
    <section className={styles.root} aria-label="Workbook preview">
      <Subtitle2 as="h2">Workbook (browser preview)</Subtitle2>
      <TabList size="small" selectedValue={active} onTabSelect={(_, d) => setChosen(String(d.value))} aria-label="Sheets">
        {names.map((n) => <Tab key={n} value={n}>{n}</Tab>)}
      </TabList>
      {data && data.header.length === 0 && data.totalRows === 0 && (
        <div className={styles.empty}>This sheet is empty. Open a downloaded IMS JSON file in the pane to fill the workbook.</div>
      )}
      {data && data.header.length > 0 && (
        <>
          <Caption1>
            {data.rows.length === data.totalRows ? `${data.totalRows} rows` : `Showing ${data.rows.length} of ${data.totalRows} rows`}
            {data.rows.length < data.totalRows && data.rows.length === MAX_ROWS ? " (the first ones only)" : data.rows.length < data.totalRows ? " (filtered)" : ""}
          </Caption1>
          <div className={styles.scroller}>
            <table className={styles.table} aria-label={`Sheet ${data.name}`}>
              <thead>
                <tr>
                  <th className={styles.th} scope="col">Row</th>
                  {shownColumns.map((c) => <th key={c.index} className={styles.th} scope="col">{c.header}</th>)}
                </tr>
              </thead>
              <tbody>
                {data.rows.map(({ index, cells }) => {
                  const errorCells = errorCellsAt >= 0 ? String(cells[errorCellsAt] ?? "") : "";
                  const rowClass = errorCells !== "" ? styles.errorRow : portalAt >= 0 && cells[portalAt] ? styles.portalRow : undefined;
                  const isSelected = selection?.sheet === data.name && selection.rows.includes(index);
                  return (
                    <tr key={index} className={mergeClasses(rowClass, isSelected && styles.selected)} data-row={worksheetRow(index)} aria-selected={isSelected || undefined}>
                      <th scope="row" className={mergeClasses(styles.td, styles.rowNumber)}>{worksheetRow(index)}</th>
                      {shownColumns.map((c) => {
                        const value = cells[c.index] ?? null;
                        const cellClass = mergeClasses(styles.td, errorCells.includes(`|${c.header}|`) && styles.errorCell);
                        if (!c.spec?.editable) return <td key={c.index} className={cellClass}>{display(value, c.spec?.kind)}</td>;
                        const label = `${c.header}, row ${worksheetRow(index)}`;
                        const onFocus = () => void gateway.select(data.name, index, c.index);
                        return (
                          <td key={c.index} className={cellClass}>
                            {c.spec.list ? (
                              <select className={styles.input} aria-label={label} value={value === null ? "" : String(value)} onFocus={onFocus}
                                onChange={(e) => edit(index, c.index, e.target.value === "" ? null : e.target.value)}>
                                <option value=""></option>
                                {value !== null && !c.spec.list.includes(String(value)) && <option value={String(value)}>{String(value)}</option>}
                                {c.spec.list.map((o) => <option key={o} value={o}>{o}</option>)}
                              </select>
                            ) : (
                              <CellInput label={label} value={value} kind={c.spec.kind} className={styles.input} onFocus={onFocus}
                                onCommit={(v) => edit(index, c.index, v)} />
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

interface CellInputProps {
  readonly label: string;
  readonly value: CellValue;
  readonly kind: ColumnSpec["kind"];
  readonly className: string;
  readonly onFocus: () => void;
  readonly onCommit: (value: CellValue) => void;
}

/** A text cell: the value is written when the user leaves the cell or presses Enter, as in Excel. */
function CellInput({ label, value, kind, className, onFocus, onCommit }: CellInputProps) {
  const shown = value === null ? "" : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => { if (text !== shown) onCommit(typed(text, kind)); };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") commit();
    if (e.key === "Escape") setText(shown);
  };
  return <input className={className} aria-label={label} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onFocus={onFocus} onKeyDown={onKeyDown} />;
}
