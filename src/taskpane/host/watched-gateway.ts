import type { WorkbookGateway } from "../../workbook/gateway";
import { GATEWAY_READS } from "../worker/runner";

/**
 * The gateway, reporting when a call may have changed the workbook or the
 * selection, so the preview's sheet view can redraw. (In Excel, Excel itself
 * shows the change.) Methods added to the gateway later notify by default.
 */
export function watchGateway<G extends WorkbookGateway>(gateway: G, onChange: () => void): G {
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (typeof prop === "string" && GATEWAY_READS.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) return result.finally(onChange);
        onChange();
        return result;
      };
    },
  });
}
