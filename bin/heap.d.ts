export const MIB: number;
export function largerHeap(machine: { totalMemory: number; heapLimit: number; execArgv: readonly string[]; nodeOptions: string | undefined }): number | undefined;
export function ranOutOfMemory(code: number | null, signal: NodeJS.Signals | null): boolean;
