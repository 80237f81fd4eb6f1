import { createRoot } from "react-dom/client";
import { detectHost } from "./host/office-host";
import { startPane } from "./start";

const root = createRoot(document.getElementById("root")!);
detectHost()
  .then(startPane)
  .then((pane) => root.render(pane))
  .catch((e: unknown) => {
    // Nothing else can show it: the pane failed before React started.
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = `IMS Offline could not start: ${e instanceof Error ? e.message : String(e)}`;
    document.getElementById("root")!.replaceChildren(p);
  });
