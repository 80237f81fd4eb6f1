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
  /** The files picked, not read yet: reading a large file is part of the work shown as under way. */
  readonly onFiles: (files: File[]) => void;
}

/**
 * Reads the picked files' bytes (they never leave the machine). A file that
 * cannot be read (moved or deleted since it was picked) is named in the error.
 */
export async function readPickedFiles(files: readonly File[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (f) => {
    try {
      return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    } catch {
      throw new Error(`${f.name} could not be read: it may have been moved or deleted since you chose it. Choose it again.`);
    }
  }));
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
          // Picking the same file again must fire again.
          e.currentTarget.value = "";
          if (picked.length > 0) onFiles(picked);
        }}
      />
    </>
  );
}
