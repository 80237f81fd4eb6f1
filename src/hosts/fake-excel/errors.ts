/**
 * Errors shaped like Office.js's `OfficeExtension.Error`: code that handles
 * Excel's errors tells them apart by `code`, so the fake throws the same codes
 * real Excel does, at the same moment (mostly at `context.sync()`).
 */

export type FakeErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidOperation"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "PropertyNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

export class FakeExcelError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { readonly code: FakeErrorCode; readonly message: string };

  constructor(code: FakeErrorCode, message: string) {
    super(message);
    // Office.js names its errors this way; code that logs `name` sees the same thing.
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

/** The message Excel gives when an add-in touches a locked cell or a format on a protected sheet. */
export function protectedSheetError(sheet: string): FakeExcelError {
  return new FakeExcelError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ("${sheet}").`);
}

/** Something real Excel would do that this fake does not model: fail loudly rather than guess. */
export function notModelled(what: string): FakeExcelError {
  return new FakeExcelError("NotImplemented", `The fake Excel does not model ${what}.`);
}
