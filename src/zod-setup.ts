import { z } from "zod";

/**
 * zod v4 probes `new Function("")` for its JIT, which a strict Content-Security-Policy
 * refuses. Jitless mode must be set before any schema is defined, so every module
 * that defines a zod schema imports `z` from here (excel-addin-notes §12).
 */
z.config({ jitless: true });

export { z };
