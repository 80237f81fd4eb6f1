import { useState } from "react";
import {
  Body1, Button, Caption1, Checkbox, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens,
} from "@fluentui/react-components";
import type {
  ErrorFileOutcome, ImportOutcome, Notice, PaneServices, PaneUpload, ProcessedOutcome, UploadPart, ValidationOutcome, WorkbookStatus,
} from "../services";
import { listInWords } from "../../ims/rules/format";
import type { LongTask } from "../hooks/useLongTask";
import type { SaveMethod } from "../save/save-file";
import { FilePickerButton, readPickedFiles } from "./FilePickerButton";
import { FindingsList } from "./FindingsList";
import { RecipientGstinField } from "./RecipientGstinField";
import { UploadFiles } from "./UploadFiles";
import { ErrorFileReport } from "./ErrorFileReport";

const useStyles = makeStyles({
  steps: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const INTENT = { error: "error", warning: "warning", info: "info" } as const;

// In Indian digit grouping (1,00,000), as the workbook and the command line write counts.
const documents = (n: number) => `${n.toLocaleString("en-IN")} ${n === 1 ? "document" : "documents"}`;

/** What marking did, in a sentence per kind of record, and which parts of a split upload are left. */
function processedText(p: ProcessedOutcome): string {
  const partsNamed = (list: readonly number[]) => `${list.length === 1 ? "Part" : "Parts"} ${listInWords(list.map(String))}`;
  const one = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);
  return [
    `${documents(p.rebased)} now ${one(p.rebased, "stands", "stand")} as sent.`,
    p.withPortalErrors > 0
      ? `${documents(p.withPortalErrors)} with portal errors ${one(p.withPortalErrors, "keeps its", "keep their")} starting point: correct ${one(p.withPortalErrors, "it", "them")}, then generate the upload again.`
      : "",
    p.withoutRow > 0 ? `${documents(p.withoutRow)} no longer ${one(p.withoutRow, "has a row and was", "have a row and were")} left as ${one(p.withoutRow, "it was", "they were")}.` : "",
    p.parts > 1 ? `${partsNamed(p.marked)} of the upload’s ${p.parts} ${one(p.marked.length, "was", "were")} marked.` : "",
    p.stillToMark.length > 0 ? `${partsNamed(p.stillToMark)} ${one(p.stillToMark.length, "is", "are")} still to mark once the portal has processed ${one(p.stillToMark.length, "it", "them")}.` : "",
  ].filter((t) => t !== "").join(" ");
}

function Notices({ notices }: { notices: readonly Notice[] }) {
  return (
    <>
      {notices.map((n, i) => (
        <MessageBar key={i} intent={INTENT[n.severity]} layout="multiline">
          <MessageBarBody>{n.message}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}

export interface WorkPanelProps {
  readonly services: PaneServices;
  readonly task: LongTask;
  readonly busy: boolean;
  readonly status: WorkbookStatus | undefined;
  readonly onWorkbookChanged: () => void;
  readonly saveMethod: SaveMethod;
}

/** The job in order: open the download, validate, generate the upload, read the portal's error file. */
export function WorkPanel({ services, task, busy, status, onWorkbookChanged, saveMethod }: WorkPanelProps) {
  const styles = useStyles();
  const [imported, setImported] = useState<ImportOutcome>();
  const [validation, setValidation] = useState<ValidationOutcome>();
  const [filtered, setFiltered] = useState(false);
  const [upload, setUpload] = useState<PaneUpload>();
  const [errorFile, setErrorFile] = useState<ErrorFileOutcome>();
  const [processed, setProcessed] = useState<ProcessedOutcome>();
  // Marking cannot be undone (Excel's Undo does not reach an add-in's changes): it is asked for twice,
  // showing the files of the last upload so that a split one can be marked file by file.
  const [confirmingProcessed, setConfirmingProcessed] = useState<readonly UploadPart[]>();
  const [partsToMark, setPartsToMark] = useState<ReadonlySet<number>>(new Set());
  // Entered here when the download does not name the recipient; generating keeps it in the workbook.
  const [enteredGstin, setEnteredGstin] = useState<string>();

  const hasRecords = (status?.records ?? 0) > 0;
  const askGstin = hasRecords && status?.recipientGstin === undefined;
  const recipient = enteredGstin ? { recipientGstin: enteredGstin } : {};

  const openDownloads = async (picked: File[]) => {
    const result = await task.run("Opening the downloads", async (o) => services.openDownloads(await readPickedFiles(picked), { ...o, ...recipient }));
    if (result) {
      setImported(result);
      setValidation(undefined);
      setUpload(undefined);
      setErrorFile(undefined);
      setProcessed(undefined);
      setConfirmingProcessed(undefined);
      setFiltered(false);
    }
    onWorkbookChanged();
  };

  const validate = async () => {
    const result = await task.run("Validating the sheets", (o) => services.validate({ ...o, ...recipient }));
    if (result) { setValidation(result); setFiltered(false); }
  };

  const toggleFilter = async (on: boolean) => {
    await task.run(on ? "Filtering the rows with errors" : "Clearing the filters", async () => {
      if (on) await services.showOnlyRowsWithErrors();
      else await services.clearFilters();
    });
    setFiltered(on);
  };

  const generate = async () => {
    setUpload(undefined);
    setProcessed(undefined);
    // A new upload replaces the last one: parts listed for marking would be the old upload's numbers.
    setConfirmingProcessed(undefined);
    const result = await task.run("Generating the upload file", (o) => services.generateUpload({ ...o, ...recipient }));
    if (result) setUpload(result);
    onWorkbookChanged();
  };

  const openErrorFiles = async (picked: File[]) => {
    const result = await task.run("Reading the error file", async (o) => services.openErrorFiles(await readPickedFiles(picked), o));
    if (result) setErrorFile(result);
  };

  const askToMarkProcessed = async () => {
    const parts = await task.run("Reading the last upload", () => services.lastUploadParts());
    if (!parts) return;
    const open = parts.filter((p) => !p.processed).map((p) => p.number);
    // With no upload to mark, marking says why.
    if (open.length === 0) return void markProcessed("all");
    setPartsToMark(new Set(open));
    setConfirmingProcessed(parts);
  };

  const togglePart = (part: number, on: boolean) => {
    const next = new Set(partsToMark);
    if (on) next.add(part);
    else next.delete(part);
    setPartsToMark(next);
  };

  const markProcessed = async (parts: readonly number[] | "all") => {
    setConfirmingProcessed(undefined);
    const result = await task.run("Marking the upload as processed", (o) => services.markUploadProcessed(parts, o));
    if (result) {
      setProcessed(result);
      setUpload(undefined);
    }
    onWorkbookChanged();
  };

  return (
    <div className={styles.steps}>
      <section className={styles.step} aria-labelledby="step-open">
        <Subtitle2 as="h2" id="step-open">1. Open downloaded IMS JSON</Subtitle2>
        <Caption1>The file(s) from IMS Dashboard → Offline → Download JSON, or a .zip of them. Choose several to load them together.</Caption1>
        <div className={styles.buttons}>
          <FilePickerButton appearance="primary" inputLabel="IMS download files" accept=".json,.zip,application/json,application/zip" disabled={busy} onFiles={openDownloads}>
            Open downloaded IMS JSON
          </FilePickerButton>
        </div>
        {imported && (
          <>
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{documents(imported.records)} loaded</MessageBarTitle>
                {imported.sheets.map((s) => `${s.sheet}: ${s.rows}`).join(" · ")}
              </MessageBarBody>
            </MessageBar>
            <Notices notices={imported.notices} />
          </>
        )}
        {askGstin && (enteredGstin === undefined
          ? <RecipientGstinField disabled={busy} onSave={setEnteredGstin} />
          : (
            <div className={styles.buttons}>
              <Body1>Recipient GSTIN: <strong>{enteredGstin}</strong> (kept in the workbook when you generate the upload file)</Body1>
              <Button size="small" disabled={busy} onClick={() => setEnteredGstin(undefined)}>Change</Button>
            </div>
          ))}
      </section>

      <section className={styles.step} aria-labelledby="step-validate">
        <Subtitle2 as="h2" id="step-validate">2. Validate Sheet</Subtitle2>
        <Caption1>Checks every decision against the portal’s rules. Click a message to go to its cell.</Caption1>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy || !hasRecords} onClick={() => void validate()}>Validate Sheet</Button>
          {validation && validation.errors + validation.warnings > 0 && (
            filtered
              ? <Button disabled={busy} onClick={() => void toggleFilter(false)}>Show all rows</Button>
              : <Button disabled={busy} onClick={() => void toggleFilter(true)}>Show only rows with errors</Button>
          )}
        </div>
        {validation && (
          <>
            <MessageBar intent={validation.errors > 0 ? "error" : validation.warnings > 0 ? "warning" : "success"}>
              <MessageBarBody>
                {validation.errors === 0 && validation.warnings === 0
                  ? "No errors or warnings: ready to generate the upload file."
                  : `${validation.errors} ${validation.errors === 1 ? "error" : "errors"}, ${validation.warnings} ${validation.warnings === 1 ? "warning" : "warnings"}.`}
              </MessageBarBody>
            </MessageBar>
            {validation.findings.length > 0 && (
              <FindingsList findings={validation.findings} onSelect={(f) => void task.run("Selecting the cell", () => services.selectFinding(f))} />
            )}
          </>
        )}
      </section>

      <section className={styles.step} aria-labelledby="step-generate">
        <Subtitle2 as="h2" id="step-generate">3. Generate JSON File to Upload</Subtitle2>
        <Caption1>Writes only the documents whose action, remarks or ITC declaration you changed.</Caption1>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy || !hasRecords} onClick={() => void generate()}>Generate JSON File to Upload</Button>
        </div>
        {upload?.kind === "refused" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No file was generated</MessageBarTitle>
              <ul className={styles.list}>{upload.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {upload?.kind === "nothing-changed" && (
          <MessageBar intent="info" layout="multiline"><MessageBarBody>{upload.message}</MessageBarBody></MessageBar>
        )}
        {upload?.kind === "files" && (
          <>
            <MessageBar intent="success">
              <MessageBarBody>
                <MessageBarTitle>Upload file ready</MessageBarTitle>
                {documents(upload.files.reduce((n, f) => n + f.recordCount, 0))}.
              </MessageBarBody>
            </MessageBar>
            <UploadFiles files={upload.files} method={saveMethod} />
          </>
        )}
        {upload && upload.kind !== "refused" && <Notices notices={upload.notices} />}
      </section>

      <section className={styles.step} aria-labelledby="step-errors">
        <Subtitle2 as="h2" id="step-errors">4. After the upload</Subtitle2>
        <Caption1>
          When the portal shows “Processed with Error”, download its error file and open it here: the rows are marked.
          Once the portal has processed the upload, mark it processed: what it sent becomes each document’s starting point,
          so the next upload carries only the rows the portal refused and what you change later.
        </Caption1>
        <div className={styles.buttons}>
          <FilePickerButton inputLabel="Portal error files" accept=".json,.zip,application/json,application/zip" disabled={busy || !hasRecords} onFiles={openErrorFiles}>
            Open error file
          </FilePickerButton>
          <Button disabled={busy || !hasRecords || confirmingProcessed !== undefined} onClick={() => void askToMarkProcessed()}>Mark upload as processed</Button>
        </div>
        {confirmingProcessed && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Has the portal processed the last upload?</MessageBarTitle>
              {confirmingProcessed.length === 1
                ? "Mark it once the portal shows it as “Processed”, or “Processed with Error” with its error file open here."
                : "It was split into parts: tick the ones the portal shows as “Processed”, or “Processed with Error” with their error file open here. Leave the others for later."}
              {" "}Their documents without portal errors will not be sent again unless you change them. This cannot be undone.
              {confirmingProcessed.length > 1 && (
                <div role="group" aria-label="Parts of the last upload">
                  {confirmingProcessed.map((p) => (
                    <Checkbox
                      key={p.number}
                      disabled={busy || p.processed}
                      checked={p.processed || partsToMark.has(p.number)}
                      onChange={(_, d) => togglePart(p.number, d.checked === true)}
                      label={`Part ${p.number} of ${confirmingProcessed.length}: ${documents(p.records)}${p.processed ? " (marked already)" : ""}`}
                    />
                  ))}
                </div>
              )}
              <div className={styles.buttons}>
                <Button
                  appearance="primary"
                  disabled={busy || partsToMark.size === 0}
                  onClick={() => void markProcessed(confirmingProcessed.length === 1 ? "all" : [...partsToMark].sort((a, b) => a - b))}
                >
                  Yes, mark it processed
                </Button>
                <Button disabled={busy} onClick={() => setConfirmingProcessed(undefined)}>Cancel</Button>
              </div>
            </MessageBarBody>
          </MessageBar>
        )}
        {errorFile && <ErrorFileReport outcome={errorFile} onSelect={(f) => void task.run("Selecting the cell", () => services.selectFinding(f))} />}
        {processed && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Upload marked as processed</MessageBarTitle>
              {processedText(processed)}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </div>
  );
}
