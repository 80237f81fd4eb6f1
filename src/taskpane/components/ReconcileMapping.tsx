import {
  Caption1, Dropdown, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from "@fluentui/react-components";
import { REGISTER_FIELDS, type ColumnMap, type RegisterField } from "../../ims/reconcile/register";
import { columnLetter } from "../../workbook/gateway";

const useStyles = makeStyles({
  table: { tableLayout: "fixed", width: "100%" },
  field: { width: "40%" },
  dropdown: { minWidth: 0, width: "100%" },
  required: { color: tokens.colorPaletteRedForeground1 },
});

const NONE = "none";

export interface ReconcileMappingProps {
  /** The header row's texts; a column is offered as "C: Supplier Invoice No.". */
  readonly headers: readonly string[];
  readonly columns: ColumnMap;
  readonly disabled: boolean;
  readonly onChange: (field: RegisterField, column: number | undefined) => void;
}

/**
 * Which register column holds which field: detected from the headers, shown
 * for the user to confirm, each one changeable. Required fields are marked.
 */
export function ReconcileMapping({ headers, columns, disabled, onChange }: ReconcileMappingProps) {
  const styles = useStyles();
  const label = (column: number) => `${columnLetter(column)}: ${headers[column]?.trim() || "(no header)"}`;
  // Columns up to the last header, and any column already chosen beyond it.
  const offered = Math.max(headers.reduce((last, h, i) => (h.trim() !== "" ? i : last), -1), ...Object.values(columns).filter((c) => c !== undefined)) + 1;
  return (
    <>
      <Table size="extra-small" className={styles.table} aria-label="Register columns">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.field}>Field</TableHeaderCell>
            <TableHeaderCell>Column in your register</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {REGISTER_FIELDS.map((f) => {
            const column = columns[f.field];
            const value = column === undefined ? NONE : String(column);
            return (
              <TableRow key={f.field}>
                <TableCell>
                  {f.label}
                  {f.required && <span className={styles.required}> *</span>}
                </TableCell>
                <TableCell>
                  <Dropdown
                    className={styles.dropdown}
                    size="small"
                    disabled={disabled}
                    aria-label={`Column for ${f.label}`}
                    value={column === undefined ? "Not in the register" : label(column)}
                    selectedOptions={[value]}
                    onOptionSelect={(_, d) => onChange(f.field, d.optionValue === NONE || d.optionValue === undefined ? undefined : Number(d.optionValue))}
                  >
                    <Option value={NONE}>Not in the register</Option>
                    {Array.from({ length: offered }, (_, i) => <Option key={i} value={String(i)}>{label(i)}</Option>)}
                  </Dropdown>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Caption1>Fields marked * are needed to match. Amounts without a column are not compared.</Caption1>
    </>
  );
}
