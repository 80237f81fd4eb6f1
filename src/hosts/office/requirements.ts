/**
 * What the gateway asks of Office itself (not of Excel): which requirement sets
 * this Excel supports and which platform it runs on. Both are injectable, so
 * tests and the in-memory host can vary them.
 */

export type OfficePlatform = "web" | "PC" | "Mac";

export type IsSetSupported = (set: string, version: string) => boolean;

interface OfficeGlobal {
  readonly context?: {
    readonly requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    readonly diagnostics?: { readonly platform?: string };
  };
}

function office(): OfficeGlobal | undefined {
  return (globalThis as unknown as { Office?: OfficeGlobal }).Office;
}

/** Office.context.requirements.isSetSupported; without Office.js nothing beyond the manifest's floor is assumed. */
export const officeIsSetSupported: IsSetSupported = (set, version) =>
  office()?.context?.requirements?.isSetSupported(set, version) ?? false;

/** The platform Office reports ("OfficeOnline" is Excel on the web); undefined outside Office or on iPad. */
export function officePlatform(): OfficePlatform | undefined {
  switch (office()?.context?.diagnostics?.platform) {
    case "OfficeOnline": return "web";
    case "PC": return "PC";
    case "Mac": return "Mac";
    default: return undefined;
  }
}

export function hostNameFor(platform: OfficePlatform | undefined): string {
  switch (platform) {
    case "web": return "Excel on the web";
    case "PC": return "Excel for Windows";
    case "Mac": return "Excel for Mac";
    default: return "Excel";
  }
}
