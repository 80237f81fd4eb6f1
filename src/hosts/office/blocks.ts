import type { WorkOptions } from "../../app/contracts";
import type { ExcelContext } from "./excel-api";

/** One block of rows, and where it stands in the whole. */
export interface Block {
  readonly start: number;
  readonly count: number;
  readonly first: boolean;
  readonly last: boolean;
}

export interface BlockWork {
  /** Rows to go through. With none, one block of 0 rows still runs, so setup and finishing happen. */
  readonly total: number;
  /** For progress reports: "Writing "B2B"". */
  readonly label: string;
  /** Rows for the block from `start` that fit in `budgetBytes`. */
  size(start: number, budgetBytes: number): number;
  /** Queues the block's operations; the returned function runs once the block's sync succeeded. */
  queue(block: Block): (() => void) | void;
}

const PAYLOAD_REFUSALS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

export function isPayloadRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && PAYLOAD_REFUSALS.has(code);
}

/**
 * Goes through `work` one block per sync, reporting progress after each block
 * and stopping between blocks when the signal is aborted (it throws the
 * signal's reason). When Excel refuses a block as too large, which it does
 * before applying any of it, the block is halved and sent again, and later
 * blocks keep the smaller budget (excel-addin-notes §5).
 */
export async function syncInBlocks(context: ExcelContext, work: BlockWork, options: WorkOptions | undefined, budgetBytes: number): Promise<void> {
  let budget = budgetBytes;
  let start = 0;
  do {
    options?.signal?.throwIfAborted();
    let count = Math.min(work.size(start, budget), work.total - start);
    for (;;) {
      const after = work.queue({ start, count, first: start === 0, last: start + count >= work.total });
      try {
        // The product's one sync inside a loop, on purpose (what the office-addins lint rule
        // no-context-sync-in-loop warns about): each block is sized to stay under Excel's
        // payload limit, and progress and cancellation happen between blocks.
        await context.sync();
        after?.();
        break;
      } catch (error) {
        if (!isPayloadRefusal(error) || count <= 1) throw error;
        budget = Math.floor(budget / 2);
        count = Math.ceil(count / 2);
      }
    }
    start += count;
    options?.progress?.({ done: start, total: work.total, label: work.label });
  } while (start < work.total);
}
