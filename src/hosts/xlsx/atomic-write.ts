import { randomBytes } from "node:crypto";
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ImsFileError } from "../../ims/file-error";

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside the
 * target, which is then renamed over it (a rename within one folder is atomic).
 * An interrupted or failed write leaves the previous file as it was, never a
 * half-written workbook or upload.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  await writeFilesAtomically([{ path, bytes }]);
}

/**
 * Several files that belong together (the parts of a split upload): every
 * temporary file is written before any is renamed, so a failure while writing
 * leaves none of the new files behind.
 */
export async function writeFilesAtomically(files: readonly { path: string; bytes: Uint8Array | string }[]): Promise<void> {
  const temporaries: string[] = [];
  let current = files[0]?.path ?? "";
  try {
    for (const file of files) {
      current = file.path;
      const temporary = temporaryPathFor(file.path);
      temporaries.push(temporary);
      await writeFile(temporary, file.bytes, { flag: "wx" });
    }
    for (const [i, file] of files.entries()) {
      current = file.path;
      await rename(temporaries[i], file.path);
    }
  } catch (error) {
    await Promise.all(temporaries.map((t) => unlink(t).catch(() => undefined)));
    throw writeFailure(current, error);
  }
}

function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** The reasons a write fails that a user can act on, named with the file. */
function writeFailure(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new ImsFileError(path, `cannot be written: the folder ${dirname(path)} does not exist.`);
    case "EACCES":
    case "EPERM":
    case "EBUSY":
      return new ImsFileError(path, "cannot be written: it is open in another program (close it in Excel) or you may not write there.");
    case "EISDIR":
      return new ImsFileError(path, "is a folder; give a file name.");
    case "ENOSPC":
      return new ImsFileError(path, "cannot be written: the disk is full.");
    default:
      return new ImsFileError(path, `cannot be written (${(error as Error).message}).`);
  }
}
