import { useRef, type ReactNode } from "react";
import { Button, type ButtonProps } from "@fluentui/react-components";
import type { InputFile } from "../../ims/download/files";

export interface FilePickerButtonProps {
  readonly children: ReactNode;
  /** Names the hidden file input, for assistive technology and tests. */
  readonly inputLabel: string;
  readonly accept: string;
  readonly disabled?: boolean;
  readonly appearance?: ButtonProps["appearance"];
  readonly onFiles: (files: InputFile[]) => void;
}

/** Reads the picked files' bytes; the pane never sends them anywhere. */
async function readFiles(list: readonly File[]): Promise<InputFile[]> {
  return Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** A Fluent button that opens the browser's file picker (one or several files). */
export function FilePickerButton({ children, inputLabel, accept, disabled, appearance, onFiles }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance} disabled={disabled} onClick={() => input.current?.click()}>{children}</Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        aria-label={inputLabel}
        hidden
        onChange={(e) => {
          const picked = [...(e.currentTarget.files ?? [])];
          if (picked.length > 0) void readFiles(picked).then(onFiles);
          // Picking the same file again must fire again.
          e.currentTarget.value = "";
        }}
      />
    </>
  );
}
