import { useEffect, useRef, useState } from "react";
import {
  Body1, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Textarea, makeStyles, tokens,
} from "@fluentui/react-components";
import type { UploadFile } from "../../ims/upload";
import { copyText, downloadFile, type SaveMethod } from "../save/save-file";

const useStyles = makeStyles({
  files: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  file: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  text: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

/** Where the portal takes the file (ims-formats §1: ADV658). */
export const WHERE_TO_UPLOAD = "On the GST portal: Services → Returns → IMS Dashboard → Offline → Upload JSON.";

export interface UploadFilesProps {
  readonly files: readonly UploadFile[];
  readonly method: SaveMethod;
}

/**
 * The generated file(s), saved the way this Excel can: a download (web, Windows)
 * or, on the Mac, a copy to the clipboard with a text box as the fallback.
 * A single file is saved at once; split files get one button each, since each
 * must be uploaded after the previous one has been processed.
 */
export function UploadFiles({ files, method }: UploadFilesProps) {
  const styles = useStyles();
  const savedOnce = useRef(false);
  useEffect(() => {
    if (method === "download" && files.length === 1 && !savedOnce.current) {
      savedOnce.current = true;
      downloadFile(files[0].name, files[0].text);
    }
  }, [files, method]);

  return (
    <div className={styles.files}>
      {method === "copy" ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Saving on the Mac: copy and paste</MessageBarTitle>
            Excel on the Mac cannot save files from an add-in pane, so you are getting the file’s text instead. Copy it with
            the button below, paste it into TextEdit (Format → Make Plain Text first), and save it under the name shown,
            ending in .json. If copying does not work, select the text in the box and copy it yourself.
          </MessageBarBody>
        </MessageBar>
      ) : files.length > 1 ? (
        <Body1>The upload is split into {files.length} files. Save and upload them one at a time, each after the previous one shows “Processed”.</Body1>
      ) : (
        <Body1>The file is being saved to your Downloads folder. If nothing appears, use “Save again”.</Body1>
      )}
      {files.map((f, i) => (
        <FileEntry key={f.name} file={f} part={files.length > 1 ? `Part ${i + 1} of ${files.length}` : undefined} method={method} single={files.length === 1} />
      ))}
      <Caption1>{WHERE_TO_UPLOAD}</Caption1>
    </div>
  );
}

function FileEntry({ file, part, method, single }: { file: UploadFile; part: string | undefined; method: SaveMethod; single: boolean }) {
  const styles = useStyles();
  const [copied, setCopied] = useState<boolean>();
  const records = `${file.recordCount} ${file.recordCount === 1 ? "record" : "records"}`;
  return (
    <div className={styles.file}>
      <Body1><strong>{file.name}</strong> ({part ? `${part}, ` : ""}{records})</Body1>
      <div className={styles.actions}>
        {method === "download" ? (
          <Button onClick={() => downloadFile(file.name, file.text)}>{single ? "Save again" : `Save ${part?.toLowerCase() ?? "file"}`}</Button>
        ) : (
          <Button appearance="primary" onClick={() => void copyText(file.text).then(setCopied)}>Copy {part?.toLowerCase() ?? "the file’s text"}</Button>
        )}
      </div>
      {method === "copy" && copied === true && <Caption1 role="status">Copied. Paste it into a plain-text file named {file.name}.</Caption1>}
      {method === "copy" && (copied === false || copied === undefined) && (
        <Field label={`Text of ${file.name}`} hint={copied === false ? "Copying was not allowed here: select all the text in this box and copy it." : undefined}>
          <Textarea className={styles.text} readOnly value={file.text} resize="vertical" rows={4} onFocus={(e) => e.currentTarget.select()} />
        </Field>
      )}
    </div>
  );
}
