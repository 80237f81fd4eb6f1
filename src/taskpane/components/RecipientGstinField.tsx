import { useState } from "react";
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { describeGstinProblem } from "../../ims/gstin";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  input: { flex: 1, minWidth: 0 },
});

export interface RecipientGstinFieldProps {
  readonly disabled: boolean;
  readonly onSave: (gstin: string) => void;
}

/**
 * Asked only when the download does not carry the recipient GSTIN (the
 * portal's offline download does not): the upload file must name it.
 */
export function RecipientGstinField({ disabled, onSave }: RecipientGstinFieldProps) {
  const styles = useStyles();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  const save = () => {
    const gstin = value.trim().toUpperCase();
    const problem = describeGstinProblem(gstin);
    if (problem) setError(problem);
    else onSave(gstin);
  };
  return (
    <form className={styles.row} onSubmit={(e) => { e.preventDefault(); save(); }}>
      <Field
        className={styles.input}
        label="Your GSTIN (the recipient)"
        hint={error ? undefined : "The download does not say whose data it is; the upload file needs it."}
        validationMessage={error}
        validationState={error ? "error" : "none"}
        required
      >
        <Input value={value} maxLength={15} onChange={(_, d) => { setValue(d.value); setError(undefined); }} placeholder="27AAAAA0000A1Z5" autoComplete="off" spellCheck={false} />
      </Field>
      <Button type="submit" disabled={disabled}>Save</Button>
    </form>
  );
}
