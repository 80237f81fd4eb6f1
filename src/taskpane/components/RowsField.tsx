import { Dropdown, Field, Option, Radio, RadioGroup } from "@fluentui/react-components";

/** Which rows an action applies to: every row, the rows selected in Excel, or the rows the filter shows on a sheet. */
export type RowsChoice = "all" | "selected" | "visible";

const LABELS: Readonly<Record<RowsChoice, string>> = {
  all: "Every row",
  selected: "The rows selected in the sheet",
  visible: "Every row the filter shows on a sheet",
};

export interface RowsFieldProps<T extends RowsChoice> {
  readonly choices: readonly T[];
  readonly target: T;
  readonly onTarget: (target: T) => void;
  /** The sheets to choose from for "visible". */
  readonly sheets: readonly string[];
  readonly sheet: string | undefined;
  readonly onSheet: (sheet: string | undefined) => void;
}

/** The "Rows" choice of Bulk edit and Apply suggestions, with the sheet picker when the filter's rows are meant. */
export function RowsField<T extends RowsChoice>({ choices, target, onTarget, sheets, sheet, onSheet }: RowsFieldProps<T>) {
  return (
    <>
      <Field label="Rows">
        <RadioGroup value={target} onChange={(_, d) => onTarget(d.value as T)}>
          {choices.map((c) => <Radio key={c} value={c} label={LABELS[c]} />)}
        </RadioGroup>
      </Field>
      {target === "visible" && (
        <Field label="Sheet">
          <Dropdown placeholder="Choose a sheet" value={sheet ?? ""} selectedOptions={sheet ? [sheet] : []} onOptionSelect={(_, d) => onSheet(d.optionValue)}>
            {sheets.map((s) => <Option key={s} value={s}>{s}</Option>)}
          </Dropdown>
        </Field>
      )}
    </>
  );
}
