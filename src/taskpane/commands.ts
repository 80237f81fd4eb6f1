/**
 * The manifest's FunctionFile. The ribbon button only opens the task pane
 * (ShowTaskpane), so there are no command functions; Office still expects the
 * page to signal that Office.js initialised.
 */
if (typeof Office !== "undefined") void Office.onReady();
