import { useEffect, useMemo, useState, type ComponentType } from "react";
import { FluentProvider, makeStaticStyles, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { WorkbookGateway } from "../workbook/gateway";
import { systemTheme, themeForBackground, type ThemeName } from "./host/theme";
import { watchGateway } from "./host/watched-gateway";
import type { SaveMethod } from "./save/save-file";
import type { PaneServices } from "./services";
import { Pane } from "./Pane";

const useGlobalStyles = makeStaticStyles({ "html, body": { margin: 0 } });

const useStyles = makeStyles({
  // Not on FluentProvider itself: its class is copied onto the popups' portal, which would cover the page.
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  // The preview lays the workbook beside a pane of a task pane's width, as Excel does.
  preview: {
    display: "grid", gridTemplateColumns: "minmax(0, 1fr) 360px", height: "100vh",
    "@media (max-width: 760px)": { gridTemplateColumns: "1fr", gridTemplateRows: "50vh auto", height: "auto" },
  },
  sheets: { padding: tokens.spacingHorizontalM, minWidth: 0, overflow: "hidden", borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  paneColumn: { overflowY: "auto" },
});

/** Office's theme where Office gives one; otherwise the system's, followed as it changes. */
function useThemeName(officeBackground: string | undefined): ThemeName {
  const fromOffice = themeForBackground(officeBackground);
  const [system, setSystem] = useState<ThemeName>(systemTheme);
  useEffect(() => {
    if (fromOffice || typeof matchMedia !== "function") return;
    const query = matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => setSystem(query.matches ? "dark" : "light");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, [fromOffice]);
  return fromOffice ?? system;
}

export interface AppProps {
  readonly gateway: WorkbookGateway;
  /** Outside Office: a view of the in-memory workbook, shown beside the pane. */
  readonly workbookView?: ComponentType<{ gateway: WorkbookGateway; version: number }>;
  readonly officeBackground: string | undefined;
  readonly saveMethod: SaveMethod;
  readonly makeServices: (gateway: WorkbookGateway) => PaneServices;
}

export function App({ gateway, workbookView: WorkbookView, officeBackground, saveMethod, makeServices }: AppProps) {
  useGlobalStyles();
  const styles = useStyles();
  const theme = useThemeName(officeBackground);
  const [version, setVersion] = useState(0);
  // In the preview, every change to the workbook redraws the sheet view.
  const watched = useMemo(() => (WorkbookView ? watchGateway(gateway, () => setVersion((v) => v + 1)) : gateway), [gateway, WorkbookView]);
  const services = useMemo(() => makeServices(watched), [makeServices, watched]);
  return (
    <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme} data-theme={theme}>
      <div className={styles.page}>
      {WorkbookView ? (
        <div className={styles.preview}>
          <div className={styles.sheets}><WorkbookView gateway={watched} version={version} /></div>
          <div className={styles.paneColumn}><Pane services={services} saveMethod={saveMethod} /></div>
        </div>
      ) : (
        <Pane services={services} saveMethod={saveMethod} />
      )}
      </div>
    </FluentProvider>
  );
}
