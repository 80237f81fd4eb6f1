/**
 * A file the product cannot use. The message always names the file first, then
 * (where it applies) the section, the record's position and document number, and
 * the field: "ims.json: b2b record 3 (RT-00931): the key `stin` is missing."
 */
export class ImsFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${detail}`, options);
    this.name = "ImsFileError";
  }
}

/** Something the user should know about a file that was read all the same. */
export interface FileNotice {
  readonly severity: "warning" | "info";
  readonly file: string;
  readonly message: string;
}
