import { randomBytes } from "node:crypto";
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

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
 * temporary file is written before any is renamed, so a failure part-way leaves
 * none of the new files behind.
 */
export async function writeFilesAtomically(files: readonly { path: string; bytes: Uint8Array | string }[]): Promise<void> {
  const temporaries: string[] = [];
  try {
    for (const file of files) {
      const temporary = temporaryPathFor(file.path);
      temporaries.push(temporary);
      await writeFile(temporary, file.bytes, { flag: "wx" });
    }
    for (const [i, file] of files.entries()) await rename(temporaries[i], file.path);
  } catch (error) {
    await Promise.all(temporaries.map((t) => unlink(t).catch(() => undefined)));
    throw error;
  }
}

function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}
