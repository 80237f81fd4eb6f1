import type { LongTask } from "../hooks/useLongTask";
import type { PaneServices } from "../services";

/** What every tab of the pane gets: the services it calls, the one long task at a time, and whether it is shown. */
export interface TabPanelProps<Services = PaneServices> {
  readonly services: Services;
  readonly task: LongTask;
  readonly busy: boolean;
  readonly visible: boolean;
}
